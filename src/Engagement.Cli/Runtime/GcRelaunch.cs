using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Engagement.Cli.Runtime;

/// <summary>
/// Gives each command the garbage collector that serves it best. A process has one GC, chosen before any code runs, so the
/// tool's runtimeconfig selects the one for <c>engage serve</c> and the short commands — the workstation GC with background
/// collections (many small gen0 collections: the lowest tail latency and memory) — and <c>engage simulate</c>, which runs
/// its partitions on every core, is started again as a second process of the same tool with <c>DOTNET_gcServer=1</c>
/// (collections on every core too: 0.6× the wall time at 100,000 customers; docs/benchmarks.md, "A GC for each command").
/// The second process also moves hot methods to optimized code without the JIT's call-counting delay
/// (<see cref="CallCountingDelayVariable"/> 0, unless the user set it): the run keeps compiling new methods for seconds, each
/// of which starts the 100 ms delay again, so by default its hot paths stayed in slower code long into the run (about 0.9× the
/// wall time at 100,000 customers; docs/benchmarks.md, "No call-counting delay for simulate").
/// </summary>
/// <remarks>
/// The second process inherits the console (progress, summary, exit code pass through unchanged); SIGINT, SIGTERM, SIGQUIT
/// and SIGHUP sent to the first are passed on, and the second stops itself when the first ends. Nothing is relaunched
/// when the user set <c>DOTNET_gcServer</c> (their choice stands), on Windows, or for help.
/// </remarks>
internal static class GcRelaunch
{
    /// <summary>Set in the second process: the id of the process that started it.</summary>
    public const string ParentVariable = "ENGAGE_GC_PARENT";

    /// <summary>The runtime setting of the delay, in milliseconds, before tiered compilation starts counting calls.</summary>
    public const string CallCountingDelayVariable = "DOTNET_TC_CallCountingDelayMs";

    private static readonly string[] UserChoices = ["DOTNET_gcServer", "COMPlus_gcServer"];

    private static readonly string[] UserDelayChoices = [CallCountingDelayVariable, "COMPlus_TC_CallCountingDelayMs"];

    /// <summary>The commands that run under the server GC.</summary>
    public static bool WantsServerGc(string command) => command == "simulate";

    /// <summary>Whether this process should start <paramref name="command"/> again under the server GC instead of running it.</summary>
    public static bool ShouldRelaunch(string command, bool help) =>
        WantsServerGc(command) && !help && !GCSettings.IsServerGC
        && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        && Environment.GetEnvironmentVariable(ParentVariable) is null
        && UserChoices.All(v => Environment.GetEnvironmentVariable(v) is null)
        && Environment.ProcessPath is not null;

    /// <summary>Runs the same command line again under the server GC, waits for it and returns its exit code.</summary>
    public static int Run(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        foreach (var a in CommandLine(args))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        if (UserDelayChoices.All(v => Environment.GetEnvironmentVariable(v) is null))
        {
            start.Environment[CallCountingDelayVariable] = "0";
        }

        start.Environment[ParentVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the simulation process did not start");
        var forward = (PosixSignalContext context) =>
        {
            context.Cancel = true; // this process waits for the other to end
            _ = Libc.Kill(child.Id, context.Signal switch
            {
                PosixSignal.SIGINT => Libc.SigInt,
                PosixSignal.SIGQUIT => Libc.SigQuit,
                PosixSignal.SIGHUP => Libc.SigHup,
                _ => Libc.SigTerm,
            });
        };
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, forward);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, forward);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, forward);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, forward);
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>In the second process: ends it (exit 1, one line) once the process that started it has ended.</summary>
    public static void WatchParent()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(ParentVariable), out var parent) || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return;
        }

        var watch = new Thread(() =>
        {
            while (Libc.GetParentProcessId() == parent)
            {
                Thread.Sleep(250);
            }

            Console.Error.WriteLine("engage: the process that started this simulation ended; stopping");
            Environment.Exit(ExitCodes.Invalid);
        })
        { IsBackground = true, Name = "engage parent watch" };
        watch.Start();
    }

    /// <summary>The arguments that start this tool again: after the <c>dotnet</c> host's own (its options and the entry
    /// assembly, from /proc/self/cmdline on Linux), or after the apphost.</summary>
    private static IEnumerable<string> CommandLine(string[] args)
    {
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath!);
        if (!string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return args; // the apphost (engage, or the tool shim) starts the right assembly itself
        }

        if (File.Exists("/proc/self/cmdline"))
        {
            var all = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
            return all[1..^args.Length].Concat(args);
        }

        return [System.Reflection.Assembly.GetEntryAssembly()!.Location, .. args];
    }
}
