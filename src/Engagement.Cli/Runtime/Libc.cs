using System.Runtime.InteropServices;

namespace Engagement.Cli.Runtime;

/// <summary>The two POSIX calls the GC relaunch needs (Linux and macOS only): send a signal, and ask for the parent process.
/// Plain <c>DllImport</c>: int arguments only, nothing to marshal (<c>LibraryImport</c> would need unsafe code in the project).</summary>
internal static class Libc
{
    /// <summary>SIGHUP, SIGINT, SIGQUIT and SIGTERM: the same numbers on Linux and macOS.</summary>
    public const int SigHup = 1, SigInt = 2, SigQuit = 3, SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; 0 on success.</summary>
    [DllImport("libc", EntryPoint = "kill")]
    public static extern int Kill(int pid, int signal);

    /// <summary>The id of the parent process (1, or a subreaper's, once the parent has ended).</summary>
    [DllImport("libc", EntryPoint = "getppid")]
    public static extern int GetParentProcessId();
}
