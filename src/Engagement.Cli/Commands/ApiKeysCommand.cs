using System.CommandLine;
using Engagement.Local.Security;
using Newtonsoft.Json;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>engage api-keys new --name NAME --role ROLE</c>: makes an API key for <c>engage serve</c>. The secret is printed once
/// and stored nowhere; the engage.json entry (<c>http.keys</c>) holds only its SHA-256 hash. Roles: docs/security.md.
/// </summary>
internal static class ApiKeysCommand
{
    /// <summary>Builds <c>engage api-keys</c> and its subcommands: manage the named API keys of engage serve (roles and hashes; docs/security.md). Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Who holds the key (shown in the audit trail): 1 to 64 of a-z, 0-9, '.', '_', '-'", Required = true };
        var role = new Option<string>("--role") { Description = "ingest (post events), viewer (counts), operator (customer data), admin (everything)", Required = true };
        role.AcceptOnlyFromAmong([.. EngageRoles.Names]);
        var json = new Option<bool>("--json") { Description = "One JSON object {name, role, hash, secret} instead of text (for scripts)" };
        var create = new Command("new", "Make a named API key with a role: prints the secret once and the engage.json entry with its hash") { name, role, json };
        create.SetAction(parse =>
        {
            var keyName = parse.GetValue(name)!;
            if (!ApiKeySecrets.IsValidName(keyName))
            {
                throw new UsageException($"--name: '{keyName}' is not a key name: expected 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
            }

            EngageRoles.TryParse(parse.GetValue(role), out var keyRole);
            var secret = ApiKeySecrets.New();
            var entry = new { name = keyName, role = keyRole.Name(), hash = ApiKeySecrets.Hash(secret) };
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonConvert.SerializeObject(new { entry.name, entry.role, entry.hash, secret }));
                return ExitCodes.Ok;
            }

            Console.WriteLine($"secret (shown once; give it to '{keyName}' and keep no other copy): {secret}");
            Console.WriteLine("add this entry to engage.json's http.keys list, then restart engage serve:");
            Console.WriteLine(JsonConvert.SerializeObject(entry));
            return ExitCodes.Ok;
        });
        return new Command("api-keys", "Manage the named API keys of engage serve (roles and hashes; docs/security.md)") { create };
    }
}
