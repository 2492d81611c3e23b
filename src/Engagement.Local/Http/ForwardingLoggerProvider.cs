using Microsoft.Extensions.Logging;

namespace Engagement.Local.Http;

/// <summary>Hands the web host's loggers to the caller's <see cref="ILoggerFactory"/> (after the host's filters); does not own it.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
