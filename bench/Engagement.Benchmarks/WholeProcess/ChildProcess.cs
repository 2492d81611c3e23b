using System.Diagnostics;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>Starts this benchmark assembly (or another .NET dll) as a child process with the same <c>dotnet</c> host.</summary>
internal static class ChildProcess
{
    /// <summary>Start information for <c>dotnet DLL args…</c> (stdout and stderr redirected).</summary>
    public static ProcessStartInfo For(string dll, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>The <c>dotnet</c> muxer that runs this process. Under <c>dotnet run</c> the process is the benchmark's own
    /// apphost, so <see cref="Environment.ProcessPath"/> is not a host that can run another dll: the muxer is found beside
    /// the shared runtime instead (<c>DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/</c>).</summary>
    internal static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        var runtime = new DirectoryInfo(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent;
        var muxer = root is null ? null : Path.Combine(root.FullName, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return muxer is not null && File.Exists(muxer) ? muxer : "dotnet";
    }

    /// <summary>Runs this benchmark assembly with <paramref name="args"/>; returns the exit code and the last stdout line.
    /// Stderr is passed through; the child is killed after <paramref name="timeout"/>.</summary>
    public static Task<(int ExitCode, string? LastLine)> RunSelfAsync(IEnumerable<string> args, TimeSpan timeout) =>
        RunAsync(typeof(ChildProcess).Assembly.Location, args, timeout);

    /// <summary>Runs the .NET assembly <paramref name="dll"/> with <paramref name="args"/>; returns the exit code and the last
    /// stdout line. Stderr is passed through; the child is killed after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string? LastLine)> RunAsync(string dll, IEnumerable<string> args, TimeSpan timeout)
    {
        using var process = Process.Start(For(dll, args))
            ?? throw new InvalidOperationException("could not start the child process");
        string? last = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                last = e.Data;
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("  | " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.WaitForExit();
        return (process.ExitCode, last);
    }
}
