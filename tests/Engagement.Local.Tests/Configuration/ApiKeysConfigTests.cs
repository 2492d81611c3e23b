using Engagement.Local.Configuration;
using Engagement.Local.Security;

namespace Engagement.Local.Tests.Configuration;

/// <summary>engage.json's <c>http.keys</c>: named keys with a role, stored as hashes.</summary>
public sealed class ApiKeysConfigTests
{
    private const string Hash = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void ConfigLoader_NamedKeys_AreReadWithTheirRoles()
    {
        using var config = new TempConfig($$"""{ "http": { "keys": [ { "name": "crm", "role": "ingest", "hash": "{{Hash}}" }, { "name": "ops", "role": "Operator", "hash": "{{Hash.ToUpperInvariant().Replace("SHA256:", "sha256:", StringComparison.Ordinal)}}" } ] } }""");

        var options = EngageConfigLoader.Load(config.Path, config.Prefix);

        Assert.Equal([("crm", EngageRole.Ingest), ("ops", EngageRole.Operator)], options.Http.Keys.Select(k => (k.Name, k.Role)));
        Assert.DoesNotContain(Hash[10..], options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigLoader_NamedKeyFromEnvironmentVariables_IsRead()
    {
        using var config = new TempConfig("{}");
        config.Set("HTTP__KEYS__0__NAME", "crm").Set("HTTP__KEYS__0__ROLE", "ingest").Set("HTTP__KEYS__0__HASH", Hash);

        var options = EngageConfigLoader.Load(config.Path, config.Prefix);

        Assert.Equal("crm", Assert.Single(options.Http.Keys).Name);
    }

    [Theory]
    [InlineData("""{ "name": "crm", "role": "ingest", "hash": "ek_plain-secret-0123456789" }""", "http.keys.0.hash")]
    [InlineData("""{ "name": "crm", "role": "root", "hash": "HASH" }""", "http.keys.0.role")]
    [InlineData("""{ "name": "crm", "hash": "HASH" }""", "http.keys.0.role")]
    [InlineData("""{ "name": "CRM team", "role": "ingest", "hash": "HASH" }""", "http.keys.0.name")]
    [InlineData("""{ "name": "crm", "role": "ingest", "hash": "HASH", "secret": "x" }""", "http.keys.0.secret")]
    public void ConfigLoader_BadNamedKey_NamesTheSetting(string entry, string setting)
    {
        using var config = new TempConfig("""{ "http": { "keys": [ ENTRY ] } }""".Replace("ENTRY", entry.Replace("HASH", Hash, StringComparison.Ordinal), StringComparison.Ordinal));

        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void ConfigLoader_TwoKeysOfOneName_IsRefused()
    {
        using var config = new TempConfig($$"""{ "http": { "keys": [ { "name": "crm", "role": "ingest", "hash": "{{Hash}}" }, { "name": "crm", "role": "admin", "hash": "{{Hash}}" } ] } }""");

        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Contains("http.keys.1.name", error.Message);
    }
}
