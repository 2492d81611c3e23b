using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Engagement.Cli.Commands;

/// <summary>
/// The log format of <c>engage serve</c>: one line per entry (time, level, category, message) on stderr. An exception is
/// shown as its type and message on the same line — a stack trace only with <c>--verbose</c>, so a port in use or a bad
/// transport setting never buries the clean message under framework frames.
/// </summary>
internal sealed class OneLineLogFormatter : ConsoleFormatter
{
    /// <summary>The name the console logger selects this formatter by.</summary>
    public const string FormatterName = "engage-one-line";

    /// <summary>Show exception stack traces (set from <c>--verbose</c>).</summary>
    public static bool ShowStackTraces { get; set; }

    /// <summary>Creates the formatter under <see cref="FormatterName"/>.</summary>
    public OneLineLogFormatter()
        : base(FormatterName)
    {
    }

    /// <summary>Writes the entry as one line: local time (HH:mm:ss.fff), level, category and message with line breaks turned
    /// into spaces, then the exception's type and message, or its full text when <see cref="ShowStackTraces"/> is set.</summary>
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, null);
        textWriter.Write($"{DateTime.Now:HH:mm:ss.fff} {Level(logEntry.LogLevel)}: {logEntry.Category}: {message.ReplaceLineEndings(" ")}");
        if (logEntry.Exception is { } ex)
        {
            textWriter.Write(ShowStackTraces ? Environment.NewLine + ex : $" ({ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")})");
        }

        textWriter.WriteLine();
    }

    /// <summary>A logger factory that writes every level to stderr in this format.</summary>
    public static ILoggerFactory CreateFactory(bool verbose)
    {
        ShowStackTraces = verbose;
        return LoggerFactory.Create(b => b
            .AddConsole(o => { o.FormatterName = FormatterName; o.LogToStandardErrorThreshold = LogLevel.Trace; })
            .AddConsoleFormatter<OneLineLogFormatter, ConsoleFormatterOptions>()
            .AddFilter((_, level) => level >= (verbose ? LogLevel.Debug : LogLevel.Information)));
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
