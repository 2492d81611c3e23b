using Engagement.Engine.Events;

namespace Engagement.Engine.Tests.Events;

/// <summary>Which contact a rejected line names, as the host's index entry (here a stand-in hash that shows what was hashed).</summary>
public sealed class RejectedContactTests
{
    /// <summary>A stand-in for a blind index: no entry for a blank contact, else the kind and the trimmed value.</summary>
    private static string? Hash(string kind, string value) => string.IsNullOrWhiteSpace(value) ? null : $"{kind}/{value.Trim()}";

    [Theory]
    [InlineData("""{"type":"signup","data":{"email":"ann@example.com","phone":"+4479"}}""", "email", "email/ann@example.com")]
    [InlineData("""{"type":"signup","data":{"phone":447912345678}}""", "phone", "phone/447912345678")]
    [InlineData("""{"type":"identify","traits":{"phone":"+33 6 12"}}""", "phone", "phone/+33 6 12")]
    [InlineData("""{"type":"track","context":{"traits":{"email":"bea@example.com"}}}""", "email", "email/bea@example.com")]
    [InlineData("""{"data":{"email":"  "},"traits":{"email":"cat@example.com"}}""", "email", "email/cat@example.com")]
    [InlineData("""{"type":"x","data":{"email":"dan@example.com","time":""", "email", "email/dan@example.com")]
    public void Of_ALineNamingAContact_AnswersTheFirstOneTheIndexHashes(string raw, string kind, string entry) =>
        Assert.Equal((kind, entry), RejectedContact.Of(raw, Hash));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("""{"customerId":"c-1","data":{"name":"Ann"}}""")]
    [InlineData("""{"data":{"email":true,"phone":{"n":"1"}}}""")]
    [InlineData("""{"email":"ann@example.com"}""")]
    [InlineData("""["data",{"email":"ann@example.com"}]""")]
    public void Of_ALineNamingNoContactTheIndexHashes_IsNull(string? raw) => Assert.Null(RejectedContact.Of(raw, Hash));
}
