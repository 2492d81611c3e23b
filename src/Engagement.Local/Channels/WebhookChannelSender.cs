using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Local.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Local.Channels;

/// <summary>
/// Delivers a channel (sms and push gateways; email too) by one signed HTTP POST of the rendered message as JSON to
/// <see cref="WebhookOptions.Url"/>: headers <c>X-Engage-Signature</c> (see <see cref="WebhookSignature"/>, timestamp from the
/// injected <see cref="TimeProvider"/>) and <c>Idempotency-Key: &lt;ledger key&gt;</c>. One attempt per call; never throws for a
/// gateway failure. Answers: 2xx Sent (provider id from a JSON <c>id</c> field, else an <c>X-Message-Id</c> or <c>X-Request-Id</c>
/// header); 408, 429, 5xx, timeouts and connection errors TransientFailure; 410, and 422 whose JSON <c>error</c> is
/// <c>invalid_contact</c>, InvalidContact; any other status (3xx are not followed) PermanentFailure. Thread-safe.
/// </summary>
public sealed class WebhookChannelSender : IChannelSender
{
    private readonly WebhookOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the sender.</summary>
    /// <param name="channel">email, sms or push.</param>
    /// <param name="options">Validated options (<see cref="EngageConfigLoader"/>); the URL and secret are required.</param>
    /// <param name="http">A client the caller owns and disposes, ideally with redirects off (see <see cref="ChannelTransports.CreateHttpHandler"/>).</param>
    /// <param name="time">The clock of the signature timestamp.</param>
    /// <param name="logger">Gets ledger keys and outcomes, never contact details or bodies.</param>
    public WebhookChannelSender(string channel, WebhookOptions options, HttpClient http, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Url is null) throw new ArgumentException($"channels.{channel}.webhook.url is required", nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.Secret, nameof(options));
        Channel = channel;
        _options = options;
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public string Channel { get; }

    /// <inheritdoc/>
    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await AttemptAsync(message, cancellationToken).ConfigureAwait(false);
        ChannelLog.Outcome(_logger, Channel, "webhook", message.LedgerKey, result);
        return result;
    }

    private async Task<SendResult> AttemptAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Serialize(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(_options.Secret, _time.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKeyOf(message.LedgerKey));
        foreach (var (name, value) in _options.Headers) request.Headers.TryAddWithoutValidation(name, value);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return await WebhookResponse.MapAsync(response, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(SendStatus.TransientFailure, Reason: $"webhook: no answer within {_options.TimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            var what = e.HttpRequestError == HttpRequestError.Unknown ? "request failed" : e.HttpRequestError.ToString();
            return new SendResult(SendStatus.TransientFailure, Reason: "webhook: " + what);
        }
    }

    /// <summary>
    /// The <c>Idempotency-Key</c> header of a ledger key: the key itself when it is printable ASCII without <c>%</c> or spaces (the
    /// usual case); otherwise those characters percent-encoded as UTF-8, so every key gives a valid header and distinct keys stay distinct.
    /// </summary>
    public static string IdempotencyKeyOf(string ledgerKey)
    {
        ArgumentNullException.ThrowIfNull(ledgerKey);
        if (ledgerKey.All(IsPlain)) return ledgerKey;
        var builder = new StringBuilder(ledgerKey.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in ledgerKey.EnumerateRunes())
        {
            if (rune.IsAscii && IsPlain((char)rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length]) builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static bool IsPlain(char c) => c > ' ' && c <= '~' && c != '%';
}
