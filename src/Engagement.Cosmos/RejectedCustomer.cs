using Newtonsoft.Json;

namespace Engagement.Cosmos;

/// <summary>
/// The customer a rejected input names, when its raw text parses far enough to tell: a JSON object whose top-level
/// <c>customerId</c> is a non-empty string, read token by token, so a line cut off or broken after that field still names it.
/// Pure.
/// </summary>
public static class RejectedCustomer
{
    /// <summary>The most characters a customer id may have here (longer: treated as unreadable).</summary>
    public const int MaxLength = 256;

    /// <summary>The customer id in <paramref name="raw"/>, or null (not a JSON object, or no usable <c>customerId</c> before it breaks).</summary>
    public static string? Of(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        using var reader = new JsonTextReader(new StringReader(raw)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
        try
        {
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonToken.PropertyName && reader.Depth == 1 && (string?)reader.Value == "customerId")
                {
                    return reader.Read() && reader.TokenType == JsonToken.String && reader.Value is string id && !string.IsNullOrWhiteSpace(id) && id.Length <= MaxLength
                        ? id
                        : null;
                }

                if (reader.TokenType is JsonToken.StartObject or JsonToken.StartArray && reader.Depth >= 1)
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
