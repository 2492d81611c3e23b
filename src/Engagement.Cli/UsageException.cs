namespace Engagement.Cli;

/// <summary>A usage mistake found while a command runs (a folder or file named on the command line that is not there): one line, exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
