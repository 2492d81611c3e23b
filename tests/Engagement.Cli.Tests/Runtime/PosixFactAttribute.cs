namespace Engagement.Cli.Tests.Runtime;

/// <summary>A fact about processes and signals on Linux (it reads /proc); skipped elsewhere, where simulate is not relaunched.</summary>
public sealed class PosixFactAttribute : FactAttribute
{
    /// <summary>Skips the test when not on Linux.</summary>
    public PosixFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (/proc)";
        }
    }
}
