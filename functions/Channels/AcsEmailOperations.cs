using System.Security.Cryptography;
using System.Text;

namespace Engagement.Functions.Channels;

/// <summary>
/// The ACS email send's identity, kept in code that compiles everywhere (the sender itself needs the unserved ACS package):
/// the provider name the delivery correlation uses, and the operation id derived from the ledger key, so every attempt of one
/// send — the first attempt, or the retried activity that finishes a reservation left <c>Reserved</c> — carries the same <c>Operation-Id</c>.
/// </summary>
public static class AcsEmailOperations
{
    /// <summary>The provider name in <c>IDeliveryCorrelation</c> and delivery events.</summary>
    public const string Provider = "acs";

    /// <summary>A name-based UUID (version 5 layout, SHA-256) of the ledger key: the same send always has the same operation id.</summary>
    public static Guid OperationId(string ledgerKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(ledgerKey);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("engagement-email/" + ledgerKey)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
