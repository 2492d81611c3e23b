using System.Net.Sockets;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Local.Configuration;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Engagement.Local.Channels;

/// <summary>
/// Email over SMTP (MailKit). One attempt per call, never throws for a server failure (see <see cref="SmtpFailures"/> for the
/// mapping; connection errors, TLS failures and timeouts are TransientFailure, refused credentials PermanentFailure). One
/// connection is kept open and reused by every send (calls are serialised, so the sender is thread-safe); it is reopened after a
/// failure, and a send on a reused connection that the server had closed meanwhile is tried once more on a fresh one. The provider
/// id is the Message-Id (<see cref="EmailComposer.MessageIdFor"/>). Dispose it asynchronously (<see cref="DisposeAsync"/>) to close the connection; there is no blocking Dispose.
/// </summary>
public sealed class SmtpChannelSender : IChannelSender, IAsyncDisposable
{
    private readonly SmtpOptions _options;
    private readonly EmailComposer _composer;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;
    private int _connectionsOpened;
    private bool _disposed;

    /// <summary>Creates the sender; it connects on the first send.</summary>
    /// <param name="options">Validated options (<see cref="EngageConfigLoader"/>).</param>
    /// <param name="time">The clock of the Date header.</param>
    /// <param name="logger">Gets ledger keys and outcomes, never addresses, subjects or bodies.</param>
    public SmtpChannelSender(SmtpOptions options, TimeProvider time, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.Host, nameof(options));
        _composer = new EmailComposer(options, time);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public string Channel => "email";

    /// <summary>Connections opened so far (one for many sends while the server keeps it open).</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    /// <inheritdoc/>
    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        SendResult result;
        if (!_composer.TryCompose(message, out var email, out var failure))
        {
            result = failure;
        }
        else
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var reused = _client is { IsConnected: true };
                (result, var staleConnection) = await AttemptAsync(email, cancellationToken).ConfigureAwait(false);
                if (reused && staleConnection) (result, _) = await AttemptAsync(email, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        ChannelLog.Outcome(_logger, Channel, "smtp", message.LedgerKey, result);
        return result;
    }

    private async Task<(SendResult Result, bool StaleConnection)> AttemptAsync(MimeMessage email, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var client = await ConnectedClientAsync(timeout.Token).ConfigureAwait(false);
            await client.SendAsync(email, timeout.Token).ConfigureAwait(false);
            return (SendResult.Ok(email.MessageId), false);
        }
        catch (SmtpCommandException e)
        {
            if (_client is not { IsConnected: true }) await DropAsync().ConfigureAwait(false);
            return (SmtpFailures.Map(e), (int)e.StatusCode == 421);
        }
        catch (AuthenticationException)
        {
            await DropAsync().ConfigureAwait(false);
            return (new SendResult(SendStatus.PermanentFailure, Reason: "smtp: authentication refused (check channels.email.smtp.user and password)"), false);
        }
        catch (SslHandshakeException)
        {
            await DropAsync().ConfigureAwait(false);
            return (new SendResult(SendStatus.TransientFailure, Reason: "smtp: TLS handshake failed"), false);
        }
        catch (NotSupportedException)
        {
            await DropAsync().ConfigureAwait(false);
            return (new SendResult(SendStatus.PermanentFailure, Reason: "smtp: the server does not support what channels.email.smtp asks (tls, authentication)"), false);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException or TimeoutException)
        {
            await DropAsync().ConfigureAwait(false);
            var what = e switch
            {
                SocketException s => "connection failed (" + s.SocketErrorCode + ")",
                TimeoutException => $"no answer within {_options.TimeoutSeconds} s",
                _ => "connection lost",
            };
            return (new SendResult(SendStatus.TransientFailure, Reason: "smtp: " + what), true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DropAsync().ConfigureAwait(false);
            return (new SendResult(SendStatus.TransientFailure, Reason: $"smtp: no answer within {_options.TimeoutSeconds} s"), false);
        }
        catch (OperationCanceledException)
        {
            await DropAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<SmtpClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } open) return open;
        await DropAsync().ConfigureAwait(false);
        // The attempt's own deadline (timeoutSeconds) governs; MailKit's per-operation timeout is only a backstop behind it.
        var client = new SmtpClient { Timeout = (int)(_options.Timeout * 2).TotalMilliseconds };
        _client = client;
        var security = _options.Tls switch
        {
            SmtpTlsMode.None => SecureSocketOptions.None,
            SmtpTlsMode.Ssl => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        Interlocked.Increment(ref _connectionsOpened);
        await client.ConnectAsync(_options.Host, _options.EffectivePort, security, cancellationToken).ConfigureAwait(false);
        if (_options.User is not null) await client.AuthenticateAsync(_options.User, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
        return client;
    }

    private async Task DropAsync()
    {
        if (_client is not { } client) return;
        _client = null;
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(quit: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException)
        {
            // The connection is being thrown away; a failure to close it politely changes nothing.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_client is { IsConnected: true } client)
            {
                try { await client.DisconnectAsync(quit: true, CancellationToken.None).ConfigureAwait(false); }
                catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or SmtpCommandException) { }
            }

            _client?.Dispose();
            _client = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
