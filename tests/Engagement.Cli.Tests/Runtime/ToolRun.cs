using System.Diagnostics;

namespace Engagement.Cli.Tests.Runtime;

/// <summary>The built tool started as a process, and the processes it starts, seen through /proc (Linux).</summary>
internal sealed class ToolRun : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _out;
    private readonly Task<string> _error;

    public ToolRun(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Engage.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "engage.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        _process = Process.Start(start)!;
        _out = _process.StandardOutput.ReadToEndAsync();
        _error = _process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>Every child process seen while polling until the tool exits or <paramref name="until"/> returns true for one.</summary>
    public List<int> WatchChildren(Func<int, bool>? until = null)
    {
        var seen = new List<int>();
        var clock = Stopwatch.StartNew();
        while (!_process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            foreach (var child in ChildrenOf(Id).Where(c => !seen.Contains(c)))
            {
                seen.Add(child);
                if (until?.Invoke(child) == true)
                {
                    return seen;
                }
            }

            Thread.Sleep(10);
        }

        return seen;
    }

    public (int ExitCode, string Out, string Error) Wait()
    {
        if (!_process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("engage did not exit");
        }

        return (_process.ExitCode, _out.Result, _error.Result);
    }

    public static IReadOnlyList<int> ChildrenOf(int pid) =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(p => ParentOf(p) == pid)];

    /// <summary>The process's environment; empty once it is gone.</summary>
    public static IReadOnlyList<string> EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Whether the process is still running (not gone, not a zombie waiting to be reaped).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
