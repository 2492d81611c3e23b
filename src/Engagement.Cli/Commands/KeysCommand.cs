using System.CommandLine;
using System.Net.Http.Headers;
using Engagement.Local.Security;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>engage keys</c>: <c>new --out FILE</c> writes a key file (mode 600, never over an existing file); <c>add --key-file FILE</c>
/// adds a new current data key (the old ones stay, to read what is not re-encrypted yet); <c>rotate --url --api-key</c> tells a
/// running serve to re-read its key file and re-encrypt in the background, and shows the progress (docs/security.md).
/// </summary>
internal static class KeysCommand
{
    /// <summary>Builds <c>engage keys</c> and its subcommands: create and rotate the key file that encrypts contact details and names in the database (docs/security.md). Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var command = new Command("keys", "Create and rotate the key file that encrypts contact details and names in the database (docs/security.md)");
        command.Subcommands.Add(New());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Rotate());
        return command;
    }

    private static Command New()
    {
        var output = new Option<string>("--out") { Description = "Where to write the key file (refused when it exists)", Required = true };
        var command = new Command("new", "Write a new key file: one AES-256 data key, the blind index key and the unsubscribe link key") { output };
        command.SetAction(parse => Run(() =>
        {
            var file = KeyFile.CreateNew(parse.GetValue(output)!);
            Console.WriteLine($"keys: wrote {file.Path} (key {file.Current}); keep it secret and backed up: without it the database cannot be read");
        }));
        return command;
    }

    private static Command Add()
    {
        var keyFile = new Option<string>("--key-file") { Description = "The key file to add a new current key to", Required = true };
        var command = new Command("add", "Add a new current data key to a key file (rotation); then run engage keys rotate, or restart serve") { keyFile };
        command.SetAction(parse => Run(() =>
        {
            var file = KeyFile.AddKey(parse.GetValue(keyFile)!);
            Console.WriteLine($"keys: {file.Path}: new current key {file.Current} ({file.Keys.Count} keys); re-encrypt with engage keys rotate --url URL --api-key KEY");
        }));
        return command;
    }

    private static Command Rotate()
    {
        var url = new Option<string>("--url") { Description = "The running serve's HTTP API", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var apiKey = new Option<string?>("--api-key") { Description = "An API key of that serve (default: ENGAGE_API_KEY)" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the rotation is done, showing its progress" };
        var command = new Command("rotate", "Tell a running engage serve to re-read its key file and re-encrypt every value under the new current key, without downtime") { url, apiKey, wait };
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
            {
                Console.Error.WriteLine($"engage keys rotate: --url: expected http(s)://host:port, got '{parse.GetValue(url)}'");
                return ExitCodes.Usage;
            }

            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("ENGAGE_API_KEY");
            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
            if (key is not null)
            {
                http.DefaultRequestHeaders.Add("X-Api-Key", key);
            }

            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            try
            {
                using var started = await http.PostAsync("admin/keys/rotate", null, ct);
                var body = await started.Content.ReadAsStringAsync(ct);
                if (!started.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"engage keys rotate: {(int)started.StatusCode}: {Detail(body)}");
                    return ExitCodes.Invalid;
                }

                Console.WriteLine(Progress(body));
                while (parse.GetValue(wait) && !Done(body))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                    body = await http.GetStringAsync("admin/keys", ct);
                    Console.WriteLine(Progress(body));
                }

                return Failed(body) ? ExitCodes.Invalid : ExitCodes.Ok;
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"engage keys rotate: {baseUri}: {ex.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static int Run(Action action)
    {
        try
        {
            action();
            return ExitCodes.Ok;
        }
        catch (KeyFileException ex)
        {
            Console.Error.WriteLine("engage keys: " + ex.Message);
            return ExitCodes.Usage;
        }
    }

    private static Newtonsoft.Json.Linq.JToken? Rotation(string body) =>
        Newtonsoft.Json.Linq.JObject.Parse(body)["rotation"];

    private static bool Done(string body) => (string?)Rotation(body)?["state"] is "done" or "failed" or "interrupted" or "idle";

    private static bool Failed(string body) => (string?)Rotation(body)?["state"] is "failed" or "interrupted";

    private static string Progress(string body)
    {
        var r = Rotation(body);
        return r is null ? body : $"rotation to key {(string?)r["currentKeyId"]}: {(string?)r["state"]}, {(long?)r["rowsScanned"]:N0} of {(long?)r["rowsTotal"]:N0} rows looked at, {(long?)r["valuesReencrypted"]:N0} values re-encrypted"
            + ((string?)r["error"] is { } error ? $" ({error})" : string.Empty);
    }

    private static string Detail(string body)
    {
        try
        {
            return (string?)Newtonsoft.Json.Linq.JObject.Parse(body)["detail"] ?? body;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
