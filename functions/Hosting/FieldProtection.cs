using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Engagement.Protection;
using Microsoft.Extensions.Configuration;

namespace Engagement.Functions.Hosting;

/// <summary>
/// The Functions host's encryption of contact details and names in Cosmos DB (docs/security.md, "The Azure Functions host"):
/// which key source the app settings name, and the <see cref="FieldProtector"/> read from it at start. Settings:
/// <c>Engagement__KeyVaultUri</c> and <c>Engagement__KeySecretName</c> (Azure), <c>Engagement__KeyFile</c> (local development),
/// <c>Engagement__InsecurePlaintext=true</c> (no encryption, said out loud). Without any of them the host refuses to start.
/// </summary>
public static class FieldProtection
{
    /// <summary>The secret name when <c>Engagement__KeySecretName</c> is not set.</summary>
    public const string DefaultSecretName = "engage-keys";

    /// <summary>The one line the host stops with when no key is configured.</summary>
    public const string MissingKeyMessage =
        "no encryption key configured: set Engagement__KeyVaultUri (and Engagement__KeySecretName, default engage-keys) to read the key file from Key Vault, " +
        "or Engagement__KeyFile for local development; to store contact details and names in plain text instead, set Engagement__InsecurePlaintext=true";

    /// <summary>
    /// The key source the settings name, or null under <c>Engagement__InsecurePlaintext=true</c>. No I/O. Throws
    /// <see cref="KeyConfigurationException"/> (one line) when none is configured, or both Key Vault and a key file are.
    /// <paramref name="keyVault"/> makes the Key Vault source from the vault URI and secret name.
    /// </summary>
    public static IKeyFileSource? SourceFrom(IConfiguration configuration, Func<Uri, string, IKeyFileSource> keyVault)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(keyVault);
        var vault = Setting(configuration, "Engagement:KeyVaultUri");
        var file = Setting(configuration, "Engagement:KeyFile");
        var insecure = Setting(configuration, "Engagement:InsecurePlaintext");
        if (vault is not null && file is not null)
        {
            throw new KeyConfigurationException("give one key source: Engagement__KeyVaultUri or Engagement__KeyFile, not both");
        }

        if (vault is not null || file is not null)
        {
            if (insecure is not null && IsTrue(insecure))
            {
                throw new KeyConfigurationException("Engagement__InsecurePlaintext=true contradicts the key source configured: remove one of them");
            }

            if (file is not null)
            {
                return new LocalKeyFileSource(file);
            }

            if (!Uri.TryCreate(vault, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new KeyConfigurationException($"Engagement__KeyVaultUri: expected the vault's https URI (https://<name>.vault.azure.net/), got '{vault}'");
            }

            return keyVault(uri, Setting(configuration, "Engagement:KeySecretName") ?? DefaultSecretName);
        }

        return insecure switch
        {
            null => throw new KeyConfigurationException(MissingKeyMessage),
            _ when IsTrue(insecure) => null,
            _ when bool.TryParse(insecure, out _) => throw new KeyConfigurationException(MissingKeyMessage),
            _ => throw new KeyConfigurationException($"Engagement__InsecurePlaintext: expected true or false, got '{insecure}'"),
        };
    }

    /// <summary>The app's managed identity (<c>AZURE_CLIENT_ID</c> picks a user-assigned one), as the other Azure clients use it.
    /// No I/O until a token is asked for.</summary>
    public static TokenCredential Credential(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = Setting(configuration, "AZURE_CLIENT_ID") });
    }

    /// <summary>The Key Vault source over a <see cref="SecretClient"/> with <paramref name="credential"/> (the app's managed identity).</summary>
    public static Func<Uri, string, IKeyFileSource> KeyVault(TokenCredential credential) =>
        (uri, name) => new KeyVaultKeyFileSource(new SecretClient(uri, credential), name);

    /// <summary>
    /// The protector the Cosmos stores use: read from the configured source (<see cref="FieldProtector.Plaintext"/> under
    /// <c>Engagement__InsecurePlaintext=true</c>). Throws <see cref="KeyConfigurationException"/> with one line naming the source
    /// when it cannot be read (not found, access denied, not a key file).
    /// </summary>
    public static async Task<FieldProtector> CreateAsync(IKeyFileSource? source, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return FieldProtector.Plaintext;
        }

        try
        {
            return FieldProtector.From(await source.LoadAsync(cancellationToken));
        }
        catch (KeyFileException ex)
        {
            throw new KeyConfigurationException(ex.Message, ex);
        }
        catch (RequestFailedException ex)
        {
            var why = ex.Status switch
            {
                403 => "access denied (the app's identity needs the Key Vault Secrets User role on the vault)",
                404 => "no such secret (store the key file there: az keyvault secret set --file keys.json)",
                _ => $"Key Vault answered {ex.Status} {ex.ErrorCode}",
            };
            throw new KeyConfigurationException($"{source.Description}: {why}", ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new KeyConfigurationException($"{source.Description}: cannot get a token for Key Vault ({FirstLine(ex.Message)})", ex);
        }
    }

    private static string? Setting(IConfiguration configuration, string name) => configuration[name] is { Length: > 0 } v ? v.Trim() : null;

    private static bool IsTrue(string value) => bool.TryParse(value, out var b) && b;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
