using System.Text.RegularExpressions;
using Engagement.Engine.Events;
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

    /// <summary>
    /// The blind index entry (<c>kind:hash</c>, as in <c>contact_index</c>) of the first contact a rejected line names, kept in
    /// <c>rejected.contact</c> so an erasure finds the lines that name the customer only by email or phone without reading them
    /// (which contact: <see cref="RejectedContact.Of"/>). Null without an index (plain text) or a contact.
    /// </summary>
    public static string? ContactOf(string? raw, BlindIndex? index) =>
        index is not null && RejectedContact.Of(raw, index.Hash) is { } contact ? contact.Kind + ":" + contact.Hash : null;
}
