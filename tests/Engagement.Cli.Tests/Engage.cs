using System.Diagnostics;

namespace Engagement.Cli.Tests;

/// <summary>Runs the real <c>engage</c> program (the built engage.dll) as a process in the repository root.</summary>
internal static class Engage
{
    public static string Root { get; } = FindRoot();

    public static (int ExitCode, string Out, string Error) Run(params string[] args) => RunIn(Root, args);

    /// <summary>Runs engage with <paramref name="directory"/> as the current directory.</summary>
    public static (int ExitCode, string Out, string Error) RunIn(string directory, params string[] args) => RunIn(directory, new Dictionary<string, string>(), args);

    /// <summary>Runs engage in the repository root with these environment variables set.</summary>
    public static (int ExitCode, string Out, string Error) RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) => RunIn(Root, environment, args);

    private static (int ExitCode, string Out, string Error) RunIn(string directory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "engage.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("engage " + string.Join(' ', args));
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Engagement.sln not found");
    }
}
