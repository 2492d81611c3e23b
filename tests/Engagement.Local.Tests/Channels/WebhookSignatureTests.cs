using System.Text;
using Engagement.Local.Channels;

namespace Engagement.Local.Tests.Channels;

/// <summary>Signing and verifying webhook requests as a receiver does.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-test-0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"ledgerKey":"k","body":"Grüße"}""");
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void Signature_KnownInput_IsTheHexHmacOfTimestampDotBody()
    {
        // HMAC-SHA256("key", "1700000000.{}") computed independently (python3 hmac).
        var header = WebhookSignature.Create("key", 1700000000, "{}"u8);

        Assert.Equal("t=1700000000,v1=" + KnownMac, header);
    }

    [Fact]
    public void Signature_SignedNow_Verifies()
    {
        var header = WebhookSignature.Create(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
        Assert.True(WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetString(Body), Now, Tolerance));
    }

    [Fact]
    public void Signature_BodyChangedByOneByte_DoesNotVerify()
    {
        var header = WebhookSignature.Create(Secret, Now.ToUnixTimeSeconds(), Body);
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 1;

        Assert.False(WebhookSignature.Verify(Secret, header, tampered, Now, Tolerance));
    }

    [Fact]
    public void Signature_OtherSecret_DoesNotVerify()
    {
        var header = WebhookSignature.Create(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.False(WebhookSignature.Verify("another-secret-0123456789", header, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void Signature_TimestampOutsideTheTolerance_DoesNotVerify(int offsetSeconds, bool expected)
    {
        var header = WebhookSignature.Create(Secret, Now.ToUnixTimeSeconds() + offsetSeconds, Body);

        Assert.Equal(expected, WebhookSignature.Verify(Secret, header, Body, Now, Tolerance));
    }

    [Fact]
    public void Signature_SeveralV1EntriesOneMatching_Verifies()
    {
        var header = WebhookSignature.Create(Secret, Now.ToUnixTimeSeconds(), Body);
        var rotated = header.Replace(",v1=", ",v1=" + new string('0', 64) + ",v1=", StringComparison.Ordinal);

        Assert.True(WebhookSignature.Verify(Secret, rotated, Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=" + KnownMac)]
    [InlineData("t=1700000000")]
    [InlineData("t=abc,v1=" + KnownMac)]
    [InlineData("t=-1700000000,v1=" + KnownMac)]
    [InlineData("t=1700000000,t=1700000000,v1=" + KnownMac)]
    [InlineData("t=1700000000,v1=zz")]
    [InlineData("t=1700000000,v1=" + "zz2e0b5bd1cbf3a3e8bd53cb1c1f7b0e8e1b2a1e50e7f5c9a4a7d3e2b1c0d9e8")]
    [InlineData("t=99999999999999999999,v1=" + KnownMac)]
    [InlineData("garbage")]
    public void Signature_MalformedHeader_DoesNotVerifyAndDoesNotThrow(string? header)
    {
        Assert.False(WebhookSignature.Verify("key", header, "{}"u8, DateTimeOffset.FromUnixTimeSeconds(1700000000), Tolerance));
    }

    private const string KnownMac = "9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae";
}
