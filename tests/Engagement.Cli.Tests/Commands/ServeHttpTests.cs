using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Engagement.Cli.Tests.Commands;

/// <summary><c>engage serve</c> with its HTTP API, through the real process on a loopback port.</summary>
public sealed partial class ServeHttpTests : IDisposable
{
    private const string Key = "serve-http-test-key-0123456789";
    private readonly string _temp = Directory.CreateTempSubdirectory("engage-serve-http-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Serve_HttpApi_AcceptsEventsEnrollsTheCustomerAndStopsGracefullyOnSigterm()
    {
        var keys = Path.Combine(_temp, "keys.json");
        Assert.Equal(0, Engage.Run("keys", "new", "--out", keys).ExitCode);
        using var serve = Start("serve", "--db", Path.Combine(_temp, "engage.db"), "--key-file", keys, "--urls", "http://127.0.0.1:0", "--api-key", Key);
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Logs (the listening line among them) go to stderr; stdout carries only the final status table.
        void Read(object? sender, DataReceivedEventArgs e)
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value));
            }
        }

        serve.OutputDataReceived += Read;
        serve.ErrorDataReceived += Read;
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var body = """
            {"id":"e-1","type":"customer.registered","customerId":"c-http-1","time":"2026-12-01T10:00:00Z","data":{"email":"ann@example.com","locale":"en","timezone":"Europe/London"}}
            {"id":"e-1","type":"customer.registered","customerId":"c-http-1","time":"2026-12-01T10:00:00Z","data":{}}
            {"id":"e-2","type":"order.placed","time":"2026-12-01T10:05:00Z"}
            """;
        var posted = await http.PostAsync("/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var answer = JObject.Parse(await posted.Content.ReadAsStringAsync());
        var unauthorized = await new HttpClient { BaseAddress = address }.GetAsync("/status");

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(1, (int)answer["accepted"]!);
        Assert.Equal(1, (int)answer["duplicates"]!);
        Assert.Equal("customerId", (string?)answer["rejected"]![0]!["field"]);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        var customer = await PollAsync(http, "/customers/c-http-1", c => c["enrollments"] is JArray { Count: > 0 });
        Assert.Contains(customer["enrollments"]!, e => (string?)e["journeyId"] == "welcome");

        // Rotation without downtime: a new current key in the file, then the running serve re-encrypts and answers meanwhile.
        Assert.Equal(0, Engage.Run("keys", "add", "--key-file", keys).ExitCode);
        var rotate = Engage.Run("keys", "rotate", "--url", address.ToString(), "--api-key", Key, "--wait");
        var progress = JObject.Parse(await http.GetStringAsync("/admin/keys"));
        var lookup = JObject.Parse(await (await http.PostAsync("/customers/lookup", new StringContent("""{"email":"Ann@Example.com"}""", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());
        Assert.True(rotate.ExitCode == 0, rotate.Error + rotate.Out);
        Assert.Contains(": done,", rotate.Out, StringComparison.Ordinal);
        Assert.Equal("done", (string?)progress["rotation"]!["state"]);
        Assert.Equal((string?)JObject.Parse(File.ReadAllText(keys))["current"], (string?)progress["rotation"]!["currentKeyId"]);
        Assert.Equal(["c-http-1"], lookup["customerIds"]!.Select(t => (string)t!));
        Assert.Equal("ann@example.com", (string?)JObject.Parse(await http.GetStringAsync("/customers/c-http-1"))["profile"]!["email"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = address }.PostAsync("/admin/keys/rotate", null)).StatusCode);

        using (var term = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        Assert.True(serve.WaitForExit(TimeSpan.FromSeconds(60)), "serve stops on SIGTERM");
        serve.WaitForExit(); // drains the redirected output
        Assert.Equal(0, serve.ExitCode);
        lock (output)
        {
            Assert.Contains("Embedded host stopped", output.ToString());
            Assert.DoesNotContain("ann@example.com", output.ToString());
        }
    }

    private static async Task<JObject> PollAsync(HttpClient http, string path, Func<JObject, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var response = await http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK && JObject.Parse(await response.Content.ReadAsStringAsync()) is var body && done(body))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} did not answer as expected in time (last: {(int)response.StatusCode})");
            await Task.Delay(100);
        }
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Engage.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "engage.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }

    [GeneratedRegex(@"HTTP API listening on (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex Listening();
}
