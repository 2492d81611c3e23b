using System.Diagnostics;
using Engagement.Functions.Hosting;

namespace Engagement.Functions.Tests.Hosting;

/// <summary>The built Functions worker, started as a process: without a key configured it stops at once with one clear line.</summary>
public sealed class HostStartTests
{
    [Fact]
    public async Task Start_WithoutAKeyConfigured_RefusesWithOneLineAndExitCode2()
    {
        var (exit, output, error) = await RunAsync([]);

        Assert.Equal(2, exit);
        Assert.Equal("engagement: " + FieldProtection.MissingKeyMessage, error.Trim());
        Assert.DoesNotContain(" at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAMissingKeyFile_RefusesWithOneLineNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "engage-missing-" + Guid.NewGuid().ToString("N") + ".json");

        var (exit, _, error) = await RunAsync([("Engagement__KeyFile", path)]);

        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("engagement: " + path + ": key file not found", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithInsecurePlaintext_GetsPastTheKeyCheck()
    {
        var (exit, _, error) = await RunAsync([("Engagement__InsecurePlaintext", "true")]);

        Assert.NotEqual(0, exit); // no other settings here: it stops later, on the first required one
        Assert.DoesNotContain("encryption key", error, StringComparison.Ordinal);
        Assert.Contains("App setting '", error, StringComparison.Ordinal); // the next check, on the required settings
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync((string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = FunctionsOutput.Directory,
        };
        start.ArgumentList.Add(Path.Combine(FunctionsOutput.Directory, "Engagement.Functions.dll"));
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Engagement__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("CosmosDb__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
