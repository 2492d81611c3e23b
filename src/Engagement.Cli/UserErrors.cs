using System.Security;
using Microsoft.Data.Sqlite;

namespace Engagement.Cli;

/// <summary>
/// The last line of defence: an exception that escapes a command becomes one line on stderr and an exit code, never a
/// stack trace. Set ENGAGE_DEBUG=1 to see the trace of an internal error.
/// </summary>
internal static class UserErrors
{
    /// <summary>Writes <c>engage &lt;command&gt;: &lt;what went wrong&gt;</c> as one line on stderr (the stack trace too with
    /// <c>ENGAGE_DEBUG=1</c>) and answers the exit code: 2 for usage, missing files and key problems, 130 when cancelled, 1 otherwise.</summary>
    public static int Report(string command, Exception ex)
    {
        var prefix = command.Length == 0 ? "engage: " : $"engage {command}: ";
        var (code, message) = Unwrap(ex) switch
        {
            UsageException e => (ExitCodes.Usage, e.Message),
            KeyFileException e => (ExitCodes.Usage, e.Message),
            ProtectedValueException e => (ExitCodes.Usage, e.Message + " (give the database's key file with --key-file)"),
            DirectoryNotFoundException e => (ExitCodes.Usage, $"no such directory: {PathIn(e.Message)}"),
            FileNotFoundException e => (ExitCodes.Usage, $"no such file: {e.FileName ?? PathIn(e.Message)}"),
            UnauthorizedAccessException e => (ExitCodes.Invalid, $"permission denied: {PathIn(e.Message)}"),
            SecurityException e => (ExitCodes.Invalid, $"permission denied: {OneLine(e.Message)}"),
            SqliteException e => (ExitCodes.Invalid, $"the database cannot be used: {OneLine(e.Message)}"),
            PathTooLongException e => (ExitCodes.Usage, OneLine(e.Message)),
            IOException e => (ExitCodes.Invalid, OneLine(e.Message)),
            OperationCanceledException => (130, "cancelled"),
            var e => (ExitCodes.Invalid, $"internal error ({e.GetType().Name}): {OneLine(e.Message)}; please report it (ENGAGE_DEBUG=1 shows the details)"),
        };
        Console.Error.WriteLine(prefix + message);
        if (Environment.GetEnvironmentVariable("ENGAGE_DEBUG") == "1")
        {
            Console.Error.WriteLine(ex.ToString());
        }

        return code;
    }

    private static Exception Unwrap(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => ex,
    };

    /// <summary>The quoted path of a .NET file-system message, relative to the current directory when inside it.</summary>
    private static string PathIn(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        if (start < 0 || end <= start)
        {
            return OneLine(message);
        }

        var path = message[(start + 1)..end];
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
