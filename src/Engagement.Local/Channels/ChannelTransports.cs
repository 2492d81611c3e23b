using System.Net;
using Engagement.Engine.Ports;
using Engagement.Journeys.Channels;
using Engagement.Local.Configuration;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Channels;

/// <summary>Builds the <see cref="IChannelSender"/> of each channel from validated <see cref="EngageOptions"/>.</summary>
public static class ChannelTransports
{
    /// <summary>
    /// One sender per built-in channel and per other channel of <c>channels</c> in engage.json: <see cref="OutboxOnlyChannelSender"/>, <see cref="SmtpChannelSender"/> or <see cref="WebhookChannelSender"/>
    /// as <c>channels.&lt;channel&gt;.transport</c> says. Webhook transports share one HTTP client.
    /// </summary>
    /// <param name="options">Options from <see cref="EngageConfigLoader.Load"/> (validated).</param>
    /// <param name="time">The clock of signatures and Date headers; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggers">Loggers for the transports (they log ledger keys and outcomes only); default none.</param>
    /// <param name="httpHandler">The HTTP handler of webhook requests (the set does not dispose a given one); default <see cref="CreateHttpHandler"/>.</param>
    public static ChannelTransportSet Create(EngageOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null, HttpMessageHandler? httpHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var owned = new List<IAsyncDisposable>();
        HttpClient? http = null;
        IChannelSender Build(string channel)
        {
            var channelOptions = options.Channels.For(channel);
            switch (channelOptions.Transport)
            {
                case ChannelTransportKind.Smtp:
                    var smtp = new SmtpChannelSender(Required(channelOptions.Smtp, channel, "smtp"), time, loggers?.CreateLogger("Engagement.Local.Channels.Smtp"));
                    owned.Add(smtp);
                    return smtp;
                case ChannelTransportKind.Webhook:
                    if (http is null)
                    {
                        http = httpHandler is null ? new HttpClient(CreateHttpHandler(), disposeHandler: true) : new HttpClient(httpHandler, disposeHandler: false);
                        http.Timeout = Timeout.InfiniteTimeSpan;
                        owned.Add(new DisposeAdapter(http));
                    }

                    return new WebhookChannelSender(channel, Required(channelOptions.Webhook, channel, "webhook"), http, time, loggers?.CreateLogger("Engagement.Local.Channels.Webhook"));
                default:
                    return new OutboxOnlyChannelSender(channel);
            }
        }

        return new ChannelTransportSet([.. ChannelRegistry.Builtin.Names.Concat(options.Channels.Others.Keys.Order(StringComparer.Ordinal)).Select(Build)], owned);
    }

    /// <summary>The handler webhook requests use by default: redirects not followed (a signed POST must not be replayed elsewhere), pooled connections renewed every 5 minutes so DNS changes are seen.</summary>
    public static SocketsHttpHandler CreateHttpHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        UseCookies = false,
    };

    private static T Required<T>(T? value, string channel, string transport)
        where T : class =>
        value ?? throw new ArgumentException($"channels.{channel}.{transport}: required when channels.{channel}.transport is {transport}");

    private sealed class DisposeAdapter(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
