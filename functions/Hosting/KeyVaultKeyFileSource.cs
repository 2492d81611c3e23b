using Azure.Security.KeyVault.Secrets;
using Engagement.Protection;

namespace Engagement.Functions.Hosting;

/// <summary>
/// The key file as a Key Vault secret: its value is the JSON <c>engage keys new</c> writes (docs/security.md), read with the
/// app's managed identity (<c>DefaultAzureCredential</c>; the identity needs the "Key Vault Secrets User" role on the vault,
/// which infra/ grants). Reads the secret's current version.
/// </summary>
public sealed class KeyVaultKeyFileSource(SecretClient client, string secretName) : IKeyFileSource
{
    /// <inheritdoc />
    public string Description => $"Key Vault secret '{secretName}' in {client.VaultUri}";

    /// <inheritdoc />
    public async Task<KeyFile> LoadAsync(CancellationToken cancellationToken)
    {
        KeyVaultSecret secret = await client.GetSecretAsync(secretName, cancellationToken: cancellationToken);
        return KeyFile.Parse(secret.Value ?? string.Empty, Description);
    }
}
