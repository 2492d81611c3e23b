using System.Net;
using System.Text.Json;
using Engagement.Engine.Delivery;
using Microsoft.AspNetCore.WebUtilities;

namespace Engagement.Local.Channels;

/// <summary>Maps a gateway's answer to a <see cref="SendResult"/>. Reasons hold the status code and its standard phrase only, never the answer's text.</summary>
internal static class WebhookResponse
{
    private const int MaxAnswerBytes = 64 * 1024;
    private const int MaxProviderIdLength = 200;

    public static async Task<SendResult> MapAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var reason = $"webhook answered {code} {ReasonPhrases.GetReasonPhrase(code)}".TrimEnd();
        if (code is >= 200 and < 300)
        {
            var answer = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            return SendResult.Ok(ProviderId(answer, response));
        }

        if (code is 408 or 429 or >= 500) return new SendResult(SendStatus.TransientFailure, Reason: reason);
        if (code == (int)HttpStatusCode.Gone) return new SendResult(SendStatus.InvalidContact, Reason: reason);
        if (code == (int)HttpStatusCode.UnprocessableContent)
        {
            var answer = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            if (StringField(answer, "error") == "invalid_contact") return new SendResult(SendStatus.InvalidContact, Reason: reason + " (invalid_contact)");
        }

        if (code is >= 300 and < 400) reason += " (redirects are not followed)";
        return new SendResult(SendStatus.PermanentFailure, Reason: reason);
    }

    private static string? ProviderId(JsonElement? answer, HttpResponseMessage response)
    {
        var id = StringField(answer, "id");
        if (id is null)
        {
            foreach (var header in (string[])["X-Message-Id", "X-Request-Id"])
            {
                if (response.Headers.TryGetValues(header, out var values) && values.FirstOrDefault() is { Length: > 0 } value)
                {
                    id = value;
                    break;
                }
            }
        }

        return id is { Length: > MaxProviderIdLength } ? id[..MaxProviderIdLength] : id;
    }

    private static string? StringField(JsonElement? answer, string name) =>
        answer is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var field)
            ? field.ValueKind switch
            {
                JsonValueKind.String => field.GetString(),
                JsonValueKind.Number => field.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>The answer as JSON when it says it is JSON and is small; null otherwise (a malformed answer is no failure).</summary>
    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type is null || !(type == "application/json" || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))) return null;
        if (response.Content.Headers.ContentLength is > MaxAnswerBytes) return null;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var streamScope = stream.ConfigureAwait(false);
            var buffer = new byte[MaxAnswerBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0) length += read;
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
