using System.Reflection;
using System.Text;

namespace Engagement.Cli.Init;

/// <summary>
/// The files <c>engage init</c> writes: the retail journey library, sample data and scenario tests embedded in the tool
/// at build time from the repository's own <c>journeys/</c>, <c>samples/</c> and <c>docs/engage.schema.json</c> (one
/// source of truth), plus a few files made here (engage.json, editor settings, README, .gitignore). The key file
/// (<see cref="KeyFileName"/>) is not among them: it is random, so <c>engage init</c> makes it (and never replaces one).
/// </summary>
internal static class Scaffold
{
    private const string Prefix = "scaffold/";

    /// <summary>The key file that encrypts contact details and names in engage.db (docs/security.md), named by engage.json's
    /// <c>keyFile</c>; kept out of version control by the scaffolded .gitignore.</summary>
    public const string KeyFileName = "engage.key";

    /// <summary>Every file as (relative path with '/', content), in a stable order.</summary>
    public static IReadOnlyList<(string Path, byte[] Content)> Files()
    {
        var assembly = typeof(Scaffold).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[Prefix.Length..].Replace('\\', '/'), Read(assembly, n)))
            .ToList();
        files.Add(("engage.json", Utf8(EngageJson)));
        files.Add((".vscode/settings.json", Utf8(VsCodeSettings)));
        files.Add(("README.md", Utf8(Readme)));
        files.Add((".gitignore", Utf8(GitIgnore)));
        return files;
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text.ReplaceLineEndings("\n"));

    private const string EngageJson = """
        {
          "$schema": "./engage.schema.json",
          "database": "engage.db",
          "journeys": "journeys",
          "keyFile": "engage.key",
          "http": { "urls": ["http://127.0.0.1:5080"] }
        }

        """;

    private const string VsCodeSettings = """
        {
          "json.schemas": [
            { "fileMatch": ["/journeys/*.json", "/journeys/archive/*.json", "!/journeys/*.schema.json", "!/journeys/policies.json"], "url": "./journeys/journey.schema.json" },
            { "fileMatch": ["/journeys/policies.json"], "url": "./journeys/policies.schema.json" },
            { "fileMatch": ["/journeys/calendars/*.json"], "url": "./journeys/calendar.schema.json" },
            { "fileMatch": ["/engage.json"], "url": "./engage.schema.json" }
          ],
          "files.associations": { "*.liquid": "liquid" }
        }

        """;

    private const string GitIgnore = $"""
        # engage serve state and simulation output
        engage.db
        engage.db-*
        out/
        # the customer-data encryption key: never commit it
        {KeyFileName}
        *.key

        """;

    private const string Readme = """
        # Customer journeys

        Made by `engage init`: the retail journey library (ten journeys, zh-CN and en templates, delivery policies, the
        mainland China working-day calendar), scenario tests, sample customers and events, and engage.json.

        ```sh
        engage validate      # check journeys/, templates, calendars and policies: file:line:column: message per problem
        engage simulate      # a year of the sample customers (samples/) through every journey, in virtual time
        engage test          # the scenario tests in journeys/tests/
        engage serve         # the embedded host: SQLite (engage.db, encrypted with engage.key), HTTP API on 127.0.0.1:5080
                             # (make a key first: engage api-keys new --name me --role admin, and add it to engage.json)
        ```

        - `journeys/*.json` — one journey per file (`$schema` gives completion in VS Code; `.vscode/settings.json` maps the rest).
        - `journeys/templates/ID.CHANNEL.LOCALE.liquid` — message templates; `journeys/policies.json` — consent, quiet hours, caps.
        - `journeys/tests/*.scenarios.json` — given profiles and events, expected and forbidden timeline entries.
        - `samples/` — deterministic sample data (`engage samples --out samples --customers N` makes more).
        - `engage.key` — the key that encrypts customers' contact details and names in engage.db. Keep it secret and backed
          up (without it the database cannot be read); .gitignore keeps it out of version control.

        Exit codes: 0 ok, 1 invalid input or a failed check, 2 a usage mistake (unknown flag, missing file or folder).

        """;
}
