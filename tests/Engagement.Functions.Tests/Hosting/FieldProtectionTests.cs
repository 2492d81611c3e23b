using Azure;
using Engagement.Functions.Hosting;
using Engagement.Protection;
using Microsoft.Extensions.Configuration;

namespace Engagement.Functions.Tests.Hosting;

/// <summary>Which key source the app settings name, and the protector read from it: none configured is refused with one line.</summary>
public sealed class FieldProtectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-fn-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SourceFrom_NothingConfigured_RefusesWithTheMissingKeyLine()
    {
        var error = Assert.Throws<KeyConfigurationException>(() => FieldProtection.SourceFrom(Settings(), NoVault));

        Assert.Equal(FieldProtection.MissingKeyMessage, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void SourceFrom_InsecurePlaintextFalse_StillRefuses()
    {
        var error = Assert.Throws<KeyConfigurationException>(() => FieldProtection.SourceFrom(Settings(("Engagement:InsecurePlaintext", "false")), NoVault));
        Assert.Equal(FieldProtection.MissingKeyMessage, error.Message);
    }

    [Fact]
    public async Task SourceFrom_InsecurePlaintextTrue_GivesNoSource_AndAPlaintextProtector()
    {
        var source = FieldProtection.SourceFrom(Settings(("Engagement:InsecurePlaintext", "true")), NoVault);

        Assert.Null(source);
        var protector = await FieldProtection.CreateAsync(source, default);
        Assert.False(protector.Encrypts);
    }

    [Fact]
    public void SourceFrom_KeyVaultUri_AsksTheVaultForTheDefaultSecretName()
    {
        (Uri Uri, string Name)? asked = null;
        var source = FieldProtection.SourceFrom(Settings(("Engagement:KeyVaultUri", "https://kv-engage.vault.azure.net/")), (uri, name) =>
        {
            asked = (uri, name);
            return new LocalKeyFileSource("unused");
        });

        Assert.NotNull(source);
        Assert.Equal((new Uri("https://kv-engage.vault.azure.net/"), FieldProtection.DefaultSecretName), asked);
    }

    [Fact]
    public void SourceFrom_KeyVaultUriAndSecretName_AsksForThatSecret()
    {
        string? asked = null;
        FieldProtection.SourceFrom(
            Settings(("Engagement:KeyVaultUri", "https://kv-engage.vault.azure.net/"), ("Engagement:KeySecretName", "engage-keys-prod")),
            (_, name) => { asked = name; return new LocalKeyFileSource("unused"); });

        Assert.Equal("engage-keys-prod", asked);
    }

    [Theory]
    [InlineData("Engagement:KeyVaultUri", "kv-engage", "Engagement__KeyVaultUri: expected the vault's https URI")]
    [InlineData("Engagement:KeyVaultUri", "http://kv-engage.vault.azure.net/", "Engagement__KeyVaultUri: expected the vault's https URI")]
    [InlineData("Engagement:InsecurePlaintext", "yes", "Engagement__InsecurePlaintext: expected true or false")]
    public void SourceFrom_ABadSetting_IsNamedInOneLine(string name, string value, string expected)
    {
        var error = Assert.Throws<KeyConfigurationException>(() => FieldProtection.SourceFrom(Settings((name, value)), NoVault));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceFrom_KeyVaultAndAKeyFile_IsRefused()
    {
        var error = Assert.Throws<KeyConfigurationException>(() => FieldProtection.SourceFrom(
            Settings(("Engagement:KeyVaultUri", "https://kv-engage.vault.azure.net/"), ("Engagement:KeyFile", "keys.json")), NoVault));
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceFrom_AKeySourceAndInsecurePlaintext_IsRefused()
    {
        var error = Assert.Throws<KeyConfigurationException>(() => FieldProtection.SourceFrom(
            Settings(("Engagement:KeyFile", "keys.json"), ("Engagement:InsecurePlaintext", "true")), NoVault));
        Assert.Contains("contradicts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_AKeyFile_EncryptsWithItsCurrentKey()
    {
        var path = Path.Combine(_dir, "keys.json");
        var file = KeyFile.CreateNew(path);
        var source = FieldProtection.SourceFrom(Settings(("Engagement:KeyFile", path)), NoVault);

        using var protector = await FieldProtection.CreateAsync(source, default);

        Assert.Equal(file.Current, protector.CurrentKeyId);
        var sealedValue = protector.Protect("ann@example.com")!;
        Assert.StartsWith(FieldProtector.Prefix + file.Current + ":", sealedValue, StringComparison.Ordinal);
        Assert.Equal("ann@example.com", protector.Unprotect(sealedValue));
    }

    [Fact]
    public async Task CreateAsync_TheKeyFileTextAsASecret_ReadsItLikeAFile()
    {
        var path = Path.Combine(_dir, "keys.json");
        var file = KeyFile.CreateNew(path);

        using var protector = await FieldProtection.CreateAsync(new TextSource(await File.ReadAllTextAsync(path)), default);

        Assert.Equal(file.Current, protector.CurrentKeyId);
    }

    [Fact]
    public async Task CreateAsync_AMissingKeyFile_FailsWithOneLineNamingIt()
    {
        var path = Path.Combine(_dir, "missing.json");
        var error = await Assert.ThrowsAsync<KeyConfigurationException>(() => FieldProtection.CreateAsync(new LocalKeyFileSource(path), default));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ASecretThatIsNotAKeyFile_FailsNamingTheSource()
    {
        var error = await Assert.ThrowsAsync<KeyConfigurationException>(() => FieldProtection.CreateAsync(new TextSource("{\"format\":\"other\"}"), default));
        Assert.StartsWith("vault secret: format: expected", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "access denied (the app's identity needs the Key Vault Secrets User role on the vault)")]
    [InlineData(404, "no such secret")]
    public async Task CreateAsync_KeyVaultRefusing_FailsWithOneLineSayingWhy(int status, string expected)
    {
        var error = await Assert.ThrowsAsync<KeyConfigurationException>(() => FieldProtection.CreateAsync(new FailingSource(status), default));

        Assert.StartsWith("vault secret: " + expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static IKeyFileSource NoVault(Uri uri, string name) => throw new InvalidOperationException("Key Vault was not expected here");

    private static IConfiguration Settings(params (string Name, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Name, s.Value))).Build();

    /// <summary>A secret's value as Key Vault would answer it.</summary>
    private sealed class TextSource(string text) : IKeyFileSource
    {
        public string Description => "vault secret";

        public Task<KeyFile> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(KeyFile.Parse(text, Description));
    }

    /// <summary>Key Vault answering an error status, as <c>SecretClient</c> throws it.</summary>
    private sealed class FailingSource(int status) : IKeyFileSource
    {
        public string Description => "vault secret";

        public Task<KeyFile> LoadAsync(CancellationToken cancellationToken) => throw new RequestFailedException(status, "Key Vault said no\nwith details");
    }
}
