using System.Security.Cryptography;
using System.Text;

namespace Engagement.Cosmos;

/// <summary>
/// Turns engine keys (ledger keys <c>enrollmentId/stepId/occurrence</c>, task keys, event ids, customer ids) into valid
/// Cosmos DB ids. Cosmos ids may not contain <c>/ \ ? #</c> and are at most 255 characters; a <c>%</c> in an id also breaks
/// point reads through the gateway URL (found on the local server: the document is created but never found again). So those
/// characters are escaped JSON-pointer style (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>, <c>\</c> → <c>~2</c>,
/// <c>?</c> → <c>~3</c>, <c>#</c> → <c>~4</c>, <c>%</c> → <c>~5</c>), which is injective: two different keys never share an id. An id that would still be too long
/// keeps a readable prefix and ends in a SHA-256 digest of the whole key. The documents keep the original key as a field, so
/// nothing needs decoding. Pure.
/// </summary>
public static class CosmosIds
{
    /// <summary>Cosmos DB's id length limit.</summary>
    public const int MaxLength = 255;

    /// <summary>The Cosmos id for a key.</summary>
    public static string Encode(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var sb = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            switch (c)
            {
                case '~': sb.Append("~0"); break;
                case '/': sb.Append("~1"); break;
                case '\\': sb.Append("~2"); break;
                case '?': sb.Append("~3"); break;
                case '#': sb.Append("~4"); break;
                case '%': sb.Append("~5"); break;
                default: sb.Append(c); break;
            }
        }

        if (sb.Length <= MaxLength)
        {
            return sb.ToString();
        }

        // "~h" cannot come out of the escaping above (a '~' is always followed by a digit), so hashed ids never collide with
        // escaped ones.
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var cut = MaxLength - digest.Length - 2;
        if (char.IsHighSurrogate(sb[cut - 1]))
        {
            cut--;
        }

        return sb.ToString(0, cut) + "~h" + digest;
    }
}
