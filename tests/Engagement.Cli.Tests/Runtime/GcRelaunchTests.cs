using System.Diagnostics;

namespace Engagement.Cli.Tests.Runtime;

/// <summary><c>engage simulate</c> runs in a second process under the server GC; the rest under the tool's own GC.</summary>
public sealed class GcRelaunchTests
{
    private static readonly string[] Simulate =
        ["simulate", "--journeys", "journeys", "--profiles", "samples/profiles.jsonl", "--events", "samples/events.jsonl", "--timeline", "none"];

    [PosixFact]
    public void Simulate_WithTheToolsDefaults_RunsInASecondProcessUnderTheServerGc()
    {
        using var run = new ToolRun(new Dictionary<string, string>(), Simulate);
        IReadOnlyList<string> environment = [];
        var children = run.WatchChildren(c => (environment = ToolRun.EnvironmentOf(c)).Count > 0);
        var (exit, output, error) = run.Wait();

        Assert.True(exit == 0, error);
        var child = Assert.Single(children);
        Assert.Contains("DOTNET_gcServer=1", environment);
        Assert.Contains("DOTNET_gcConcurrent=0", environment);
        Assert.Contains("DOTNET_TC_CallCountingDelayMs=0", environment);
        Assert.Contains($"ENGAGE_GC_PARENT={run.Id}", environment);
        Assert.Single(output.Split('\n'), l => l.StartsWith("18,167 stimuli processed;", StringComparison.Ordinal));
        Assert.False(ToolRun.IsRunning(child));
    }

    [PosixFact]
    public void Simulate_WithACallCountingDelaySetByTheUser_TheSecondProcessKeepsIt()
    {
        using var run = new ToolRun(new Dictionary<string, string> { ["DOTNET_TC_CallCountingDelayMs"] = "150" }, Simulate);
        IReadOnlyList<string> environment = [];
        var children = run.WatchChildren(c => (environment = ToolRun.EnvironmentOf(c)).Count > 0);
        var (exit, _, error) = run.Wait();

        Assert.True(exit == 0, error);
        Assert.Single(children);
        Assert.Contains("DOTNET_gcServer=1", environment);
        Assert.Contains("DOTNET_TC_CallCountingDelayMs=150", environment);
        Assert.DoesNotContain("DOTNET_TC_CallCountingDelayMs=0", environment);
    }

    [PosixFact]
    public void Simulate_WithDotnetGcServerSetByTheUser_RunsInOneProcessWithTheSameResult()
    {
        using var relaunched = new ToolRun(new Dictionary<string, string>(), Simulate);
        relaunched.WatchChildren();
        var expected = relaunched.Wait();
        using var run = new ToolRun(new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, Simulate);

        var children = run.WatchChildren();
        var (exit, output, error) = run.Wait();

        Assert.True(exit == 0, error);
        Assert.Empty(children);
        Assert.Equal(expected.Out, output);
    }

    [PosixFact]
    public void Simulate_BadInputInTheSecondProcess_SameOneLineAndExitCodeOnce()
    {
        var (exit, output, error) = Engage.Run("simulate", "--journeys", "journeys", "--events", "no-such-events.jsonl", "--timeline", "none");
        var (exitAlone, outputAlone, errorAlone) = Engage.RunWith(new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" },
            "simulate", "--journeys", "journeys", "--events", "no-such-events.jsonl", "--timeline", "none");

        Assert.Equal((exitAlone, outputAlone, errorAlone), (exit, output, error));
        Assert.NotEqual(0, exit);
    }

    [PosixFact]
    public void Simulate_FirstProcessTerminated_PassesTheSignalOnAndBothEnd() => WithALongSimulationSignalled("-TERM", (run, child) =>
    {
        var (exit, _, _) = run.Wait();

        Assert.Equal(143, exit); // the second process's answer to SIGTERM (128 + 15), as a single process gives it
        Assert.False(ToolRun.IsRunning(child));
    });

    [PosixFact]
    public void Simulate_FirstProcessKilled_SecondStopsItself() => WithALongSimulationSignalled("-KILL", (_, child) =>
    {
        var clock = Stopwatch.StartNew();
        while (ToolRun.IsRunning(child) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(50);
        }

        Assert.False(ToolRun.IsRunning(child), "the second process outlived the first by 20 s");
    });

    /// <summary>Starts simulate over 20,000 customers, waits for its second process, sends <paramref name="signal"/> to the first.</summary>
    private static void WithALongSimulationSignalled(string signal, Action<ToolRun, int> then)
    {
        var samples = Path.Combine(Path.GetTempPath(), "engage-gc-" + Environment.ProcessId + "-" + Stopwatch.GetTimestamp());
        Assert.Equal(0, Engage.Run("samples", "--customers", "20000", "--out", samples).ExitCode);
        try
        {
            using var run = new ToolRun(new Dictionary<string, string>(), "simulate", "--journeys", "journeys",
                "--profiles", Path.Combine(samples, "profiles.jsonl"), "--events", Path.Combine(samples, "events.jsonl"), "--timeline", "none");
            var child = Assert.Single(run.WatchChildren(_ => true));
            using (var kill = Process.Start("kill", [signal, run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            then(run, child);
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }
}
