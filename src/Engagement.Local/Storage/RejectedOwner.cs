using System.Text.RegularExpressions;
using Engagement.Local.Security;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Local.Storage;

/// <summary>
/// The customer a rejected raw line belongs to, kept in <c>rejected.customer_id</c> beside the encrypted text so an erasure finds
/// the line without reading it: the <c>customerId</c> (or Segment <c>userId</c>) of a JSON object, or — for a line that is not
/// valid JSON — the first <c>"customerId": "…"</c> in the text when the line got that far. Null when neither is there.
/// </summary>
internal static partial class RejectedOwner
{
    /// <summary>The customer id the line names, or null.</summary>
    public static string? Of(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(raw)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            if (JToken.ReadFrom(reader) is JObject o)
            {
                return (o["customerId"] ?? o["userId"]) is { Type: JTokenType.String } id && (string?)id is { Length: > 0 } text ? text : null;
            }

            return null;
        }
        catch (JsonException)
        {
            var match = IdField().Match(raw);
            return match.Success ? match.Groups[1].Value : null;
        }
    }

    [GeneratedRegex("\"(?:customerId|userId)\"\\s*:\\s*\"([^\"\\\\]+)\"", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IdField();

    /// <summary>The contact fields a line may name its customer by (events, Segment identify and track), in order.</summary>
    private static readonly string[][] ContactPaths =
        [["data", "email"], ["data", "phone"], ["traits", "email"], ["traits", "phone"], ["context", "traits", "email"], ["context", "traits", "phone"]];

    /// <summary>
    /// The blind index entry (<c>kind:hash</c>, as in <c>contact_index</c>) of the first contact a rejected line names, kept in
    /// <c>rejected.contact</c> so an erasure finds the lines that name the customer only by email or phone without reading them:
    /// <c>data.email</c>, <c>data.phone</c>, <c>traits.*</c>, <c>context.traits.*</c> of a JSON object, or the first
    /// <c>"email": "…"</c> in a line that is not valid JSON. Null without an index (plain text) or a contact.
    /// </summary>
    public static string? ContactOf(string? raw, BlindIndex? index)
    {
        if (index is null || string.IsNullOrEmpty(raw))
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(raw)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            if (JToken.ReadFrom(reader) is not JObject o)
            {
                return null;
            }

            foreach (var path in ContactPaths)
            {
                JToken? node = o;
                foreach (var name in path)
                {
                    node = (node as JObject)?[name];
                }

                if (node is JValue { Type: JTokenType.String or JTokenType.Integer } value && index.Hash(path[^1], value.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } hash)
                {
                    return path[^1] + ":" + hash;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            var match = EmailField().Match(raw);
            return match.Success && index.Hash("email", match.Groups[1].Value) is { } hash ? "email:" + hash : null;
        }
    }

    [GeneratedRegex("\"email\"\\s*:\\s*\"([^\"\\\\]+)\"", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailField();
}
