using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Engagement.Cli.Tests;

/// <summary><c>engage api-keys new</c>: a secret shown once, and the engage.json entry holding only its hash.</summary>
public sealed class ApiKeysCommandTests
{
    [Fact]
    public void ApiKeysNew_Json_GivesASecretAndTheEntryWithItsSha256()
    {
        var (code, output, _) = Engage.Run("api-keys", "new", "--name", "crm", "--role", "ingest", "--json");

        Assert.Equal(0, code);
        var key = JObject.Parse(output);
        var secret = (string)key["secret"]!;
        Assert.Equal(("crm", "ingest"), ((string?)key["name"], (string?)key["role"]));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), (string?)key["hash"]);
    }

    [Fact]
    public void ApiKeysNew_Text_PrintsTheSecretOnceAndAnEntryWithoutIt()
    {
        var (code, output, _) = Engage.Run("api-keys", "new", "--name", "ops", "--role", "operator");

        Assert.Equal(0, code);
        var secret = System.Text.RegularExpressions.Regex.Match(output, "ek_[A-Za-z0-9_-]+").Value;
        var entry = JObject.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, System.Text.RegularExpressions.Regex.Escape(secret)));
        Assert.Equal(["name", "role", "hash"], entry.Properties().Select(p => p.Name));
        Assert.Equal("operator", (string?)entry["role"]);
    }

    [Theory]
    [InlineData("crm", "root")]
    [InlineData("CRM Team", "ingest")]
    public void ApiKeysNew_BadNameOrRole_IsAUsageError(string name, string role)
    {
        var (code, _, error) = Engage.Run("api-keys", "new", "--name", name, "--role", role);

        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
