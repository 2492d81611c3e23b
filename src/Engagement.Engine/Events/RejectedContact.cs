using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Engine.Events;

/// <summary>
/// The contact a rejected raw line names its customer by, as a host's blind index entry, so an erasure finds the lines that name
/// the customer only by email or phone without reading them (the embedded host's <c>rejected.contact</c>, the Azure host's
/// <c>rejectedIndex</c> entries by contact). Host-neutral: the host supplies its keyed hash. Pure.
/// </summary>
public static partial class RejectedContact
{
    /// <summary>The contact fields a line may name its customer by (events, Segment identify and track), in order.</summary>
    private static readonly string[][] Paths =
        [["data", "email"], ["data", "phone"], ["traits", "email"], ["traits", "phone"], ["context", "traits", "email"], ["context", "traits", "phone"]];

    /// <summary>
    /// The kind and index entry of the first contact <paramref name="raw"/> names for which <paramref name="hash"/> answers one:
    /// <c>data.email</c>, <c>data.phone</c>, <c>traits.*</c>, <c>context.traits.*</c> of a JSON object (a string or an integer),
    /// or the first <c>"email": "…"</c> in a line that is not valid JSON. Null when there is none.
    /// </summary>
    /// <param name="raw">The rejected line as received.</param>
    /// <param name="hash">The host's blind index: (kind <c>email</c> or <c>phone</c>, value) to its entry, or null for an empty contact.</param>
    public static (string Kind, string Hash)? Of(string? raw, Func<string, string, string?> hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (string.IsNullOrEmpty(raw))
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

            foreach (var path in Paths)
            {
                JToken? node = o;
                foreach (var name in path)
                {
                    node = (node as JObject)?[name];
                }

                if (node is JValue { Type: JTokenType.String or JTokenType.Integer } value && hash(path[^1], value.ToString(CultureInfo.InvariantCulture)) is { } entry)
                {
                    return (path[^1], entry);
                }
            }

            return null;
        }
        catch (JsonException)
        {
            var match = EmailField().Match(raw);
            return match.Success && hash("email", match.Groups[1].Value) is { } entry ? ("email", entry) : null;
        }
    }

    [GeneratedRegex("\"email\"\\s*:\\s*\"([^\"\\\\]+)\"", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailField();
}
