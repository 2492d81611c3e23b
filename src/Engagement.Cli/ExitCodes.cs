namespace Engagement.Cli;

/// <summary>The exit codes of every <c>engage</c> command (documented in README.md and docs/embedded.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done, and every check passed.</summary>
    public const int Ok = 0;

    /// <summary>Invalid input (a journey, template, scenario, event file or database that cannot be used) or a failed check (validate, test).</summary>
    public const int Invalid = 1;

    /// <summary>A usage mistake: an unknown command or flag, a bad flag value, a missing file or folder named on the command line, a port in use.</summary>
    public const int Usage = 2;
}
