using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Engagement.Cli.Tests;

/// <summary>Every command run with the mistakes a new user makes: one short error, exit 2 (usage) or 1 (invalid input), never a stack trace.</summary>
public sealed partial class UserErrorsTests : IDisposable
{
    private readonly string _empty = Directory.CreateTempSubdirectory("engage-mistakes-").FullName;

    public void Dispose() => Directory.Delete(_empty, recursive: true);

    public static TheoryData<int, string[]> MistakesInAnEmptyFolder => new()
    {
        { 2, ["validate"] },
        { 2, ["simulate"] },
        { 2, ["test"] },
        { 2, ["serve", "--until-idle"] },
        { 2, ["validate", "no-such-folder"] },
        { 2, ["test", "no-such-folder"] },
        { 2, ["simulate", "--journeys", JourneysOfTheRepository(), "--events", "missing.jsonl"] },
        { 2, ["simulate", "--journeys", JourneysOfTheRepository(), "--events", SamplesOfTheRepository(), "--profiles", "missing.jsonl"] },
        { 2, ["simulate", "--journeys", JourneysOfTheRepository(), "--events", "."] },
        { 2, ["simulate", "--bogus-flag"] },
        { 2, ["simulate", "--until", "tomorrow"] },
        { 2, ["simulate", "--journeys", JourneysOfTheRepository(), "--events", SamplesOfTheRepository(), "--events-max-ahead", "soon"] },
        { 2, ["simulate", "--journeys", JourneysOfTheRepository(), "--events", SamplesOfTheRepository(), "--events-not-before", "last year"] },
        { 2, ["serve", "--journeys", "nope", "--until-idle"] },
        { 2, ["serve", "--clock", "sometimes"] },
        { 2, ["serve", "--journeys", JourneysOfTheRepository(), "--events", "missing.jsonl", "--until-idle"] },
        { 2, ["serve", "--config", "missing.json"] },
        { 2, ["status", "--db", "missing.db"] },
        { 2, ["serve", "--journeys", JourneysOfTheRepository(), "--until-idle"] },
        { 2, ["serve", "--journeys", JourneysOfTheRepository(), "--until-idle", "--key-file", "missing-keys.json"] },
        { 2, ["serve", "--journeys", JourneysOfTheRepository(), "--urls", "http://0.0.0.0:0", "--api-key", "0123456789abcdef0123", "--insecure-plaintext"] },
        { 2, ["keys", "add", "--key-file", "missing-keys.json"] },
        { 2, ["keys", "rotate", "--url", "not a url"] },
        { 2, ["outbox", "--limit", "many"] },
        { 2, ["samples", "--customers", "0"] },
        { 2, ["samples", "--customers", "lots"] },
        { 2, ["frobnicate"] },
        { 2, [] },
    };

    [Theory]
    [MemberData(nameof(MistakesInAnEmptyFolder))]
    public void Command_UserMistake_ExitsWithItsCodeAndOneShortErrorWithoutAStackTrace(int expected, string[] args)
    {
        var (code, output, error) = Engage.RunIn(_empty, args);

        AssertCleanFailure(expected, code, output, error, args);
    }

    public static TheoryData<string, string[]> MistakesAndTheirFirstLine => new()
    {
        { "engage simulate: --until: 'tomorrow' is not an instant: expected ISO-8601", ["simulate", "--until", "tomorrow"] },
        { "engage audit: --since: 'yesterday' is not an instant: expected ISO-8601", ["audit", "--db", "missing.db", "--since", "yesterday"] },
        { "engage audit: --limit: 0 is out of range: expected 1 to 100000", ["audit", "--db", "missing.db", "--limit", "0"] },
        { "engage samples: --customers: 0 is not a positive number", ["samples", "--customers", "0"] },
        { "engage api-keys new: --name: '-crm' is not a key name", ["api-keys", "new", "--name", "-crm", "--role", "ingest"] },
        { "engage api-keys new: ", ["api-keys", "new", "--name", "crm"] },
        { "engage keys add: ", ["keys", "add", "--bogus"] },
        { "engage report: give either --timeline FILE or --db FILE", ["report"] },
        { "engage report: --events and --profiles go with --timeline", ["report", "--db", "x.db", "--events", "e.jsonl"] },
        { "engage graph: ", ["graph", "missing-journeys"] },
        { "engage serve: --config: ", ["serve", "--config", "missing.json"] },
        { "engage status: ", ["status", "--db", "missing.db"] },
        { "engage: ", ["frobnicate"] },
    };

    [Theory]
    [MemberData(nameof(MistakesAndTheirFirstLine))]
    public void Command_UserMistake_FirstErrorLineNamesTheCommandAsTyped(string start, string[] args)
    {
        var (code, _, error) = Engage.RunIn(_empty, args);

        Assert.Equal(2, code);
        Assert.StartsWith(start, error.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void StatusAndOutbox_FileThatIsNotADatabase_ExitOneWithoutAStackTrace()
    {
        var notADatabase = Path.Combine(_empty, "notes.db");
        File.WriteAllText(notADatabase, "this is a text file, not SQLite\n");

        foreach (var args in new[] { new[] { "status", "--db", notADatabase }, ["outbox", "--db", notADatabase], ["serve", "--db", notADatabase, "--journeys", JourneysOfTheRepository(), "--until-idle", "--insecure-plaintext"] })
        {
            var (code, output, error) = Engage.RunIn(_empty, args);
            AssertCleanFailure(1, code, output, error, args);
            Assert.Contains("database", error);
        }
    }

    [Fact]
    public void Validate_JourneyCopiedToArchiveWithoutANewVersion_ReportsJny014()
    {
        var journeys = Path.Combine(_empty, "journeys");
        Directory.CreateDirectory(Path.Combine(journeys, "archive"));
        CopyDirectory(JourneysOfTheRepository(), journeys);
        File.Copy(Path.Combine(journeys, "welcome.json"), Path.Combine(journeys, "archive", "welcome.json"));

        var (code, output, error) = Engage.RunIn(_empty, "validate");

        AssertCleanFailure(1, code, output, error, ["validate"]);
        Assert.Contains(output.Split('\n'), l => l.Contains("journey 'welcome' version 1 is already defined") && l.EndsWith("[JNY014]", StringComparison.Ordinal));
    }

    [Fact]
    public void Serve_PortInUse_SaysSoOnOneLineAndExitsTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        string[] args = ["serve", "--journeys", JourneysOfTheRepository(), "--db", Path.Combine(_empty, "engage.db"), "--urls", $"http://127.0.0.1:{port}", "--insecure-no-auth", "--insecure-plaintext"];

        var (code, output, error) = Engage.RunIn(_empty, args);

        Assert.Equal(2, code);
        Assert.Contains("address already in use", error);
        Assert.DoesNotMatch(StackFrame(), error + output);
        Assert.Empty(output); // logs and errors go to stderr
    }

    [Fact]
    public void Init_IntoAFileOrOverAProject_RefusesWithExitTwo()
    {
        var file = Path.Combine(_empty, "a-file");
        File.WriteAllText(file, "x");
        Assert.Equal(0, Engage.RunIn(_empty, "init", "shop").ExitCode);

        foreach (var args in new[] { new[] { "init", file }, ["init", "shop"] })
        {
            var (code, output, error) = Engage.RunIn(_empty, args);
            AssertCleanFailure(2, code, output, error, args);
        }
    }

    internal static void AssertCleanFailure(int expected, int code, string output, string error, string[] args)
    {
        var what = "engage " + string.Join(' ', args) + "\n" + error;
        Assert.True(code == expected, $"exit {code}, expected {expected}: {what}");
        Assert.DoesNotMatch(StackFrame(), error + output);
        Assert.DoesNotContain("Unhandled exception", error + output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length is >= 1 and <= 3, $"expected a short error: {what}");
        Assert.All(lines, l => Assert.True(l.Length < 400, $"a long line: {l}"));
    }

    private static string JourneysOfTheRepository() => Path.Combine(Engage.Root, "journeys");

    private static string SamplesOfTheRepository() => Path.Combine(Engage.Root, "samples", "events.jsonl");

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>A .NET stack frame: "   at Namespace.Type.Method(…)".</summary>
    [GeneratedRegex(@"(?m)^\s+at [\w.`<>\[\]+|]+\(")]
    internal static partial Regex StackFrame();
}
