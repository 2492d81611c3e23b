using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Engagement.Engine.Delivery;

namespace Engagement.Local.Channels;

/// <summary>The JSON body of a webhook request (field order fixed, so the same message always gives the same bytes).</summary>
internal static class WebhookPayload
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(OutboundMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + (message.Body.Length * 2));
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("ledgerKey", message.LedgerKey);
            json.WriteString("channel", message.Channel);
            json.WriteString("customerId", message.CustomerId);
            json.WriteString("to", message.To);
            if (message.Subject is null) json.WriteNull("subject");
            else json.WriteString("subject", message.Subject);
            json.WriteString("body", message.Body);
            json.WriteStartObject("headers");
            foreach (var (name, value) in message.Headers) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteString("journey", message.Journey);
            json.WriteString("step", message.Step);
            json.WriteString("template", message.Template);
            json.WriteString("locale", message.Locale);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
