using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Tests.Http;

/// <summary>Keeps every formatted log line (with its exception text) so tests can check what the API logs.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public string All => string.Join("\n", Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    /// <summary>
    /// Waits (up to five seconds) for a line that matches. The request log line is written in a <c>finally</c>
    /// after the response has been flushed, so a client can read its answer before the line exists.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var found = Lines.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No log line matched within 5 s. Lines:\n" + All);
            }

            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
