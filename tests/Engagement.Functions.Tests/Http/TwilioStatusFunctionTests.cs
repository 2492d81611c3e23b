using System.Security.Cryptography;
using System.Text;
using Engagement.Engine.Delivery;
using Engagement.Functions.Http;
using Microsoft.AspNetCore.Http;
using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// <c>POST /api/delivery/twilio</c>, Twilio's status callback, called directly: the <c>X-Twilio-Signature</c> is checked by
/// Twilio's own <c>RequestValidator</c>; the tests sign as Twilio documents it (HMAC-SHA1 with the auth token over the URL
/// and the form fields sorted by name, Base64).
/// </summary>
public sealed class TwilioStatusFunctionTests
{
    private const string AuthToken = "twilio-test-token";
    private const string Query = "?customerId=c-1&ledgerKey=enr-1%2Fwelcome-sms%2F1";

    [Fact]
    public async Task ASignedFinalStatus_BecomesADeliveryEventForTheCustomer()
    {
        var host = new HttpFunctionHost();
        var fields = new Dictionary<string, string> { ["MessageSid"] = "SM0001", ["MessageStatus"] = "delivered", ["To"] = "+447700900001" };

        var result = await Function(host).RunAsync(Callback(fields, Sign(fields)), CancellationToken.None);

        Assert.Equal(204, Status(result));
        var message = Assert.Single(host.Sender.Sent);
        Assert.Equal((DeliveryReports.Delivered, "c-1"), (message.Subject, message.SessionId));
        Assert.Contains("enr-1/welcome-sms/1", message.Body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("+447700900001", message.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgedSignature_Is403_AndNothingIsPublished()
    {
        var host = new HttpFunctionHost();
        var fields = new Dictionary<string, string> { ["MessageSid"] = "SM0001", ["MessageStatus"] = "delivered" };
        var signed = Sign(fields);
        fields["MessageStatus"] = "failed"; // changed after signing

        var result = await Function(host).RunAsync(Callback(fields, signed), CancellationToken.None);

        Assert.Equal(403, Status(result));
        Assert.Empty(host.Sender.Sent);
    }

    [Fact]
    public async Task ANonFinalStatus_IsAcknowledgedAndDropped()
    {
        var host = new HttpFunctionHost();
        var fields = new Dictionary<string, string> { ["MessageSid"] = "SM0001", ["MessageStatus"] = "sent" };

        Assert.Equal(204, Status(await Function(host).RunAsync(Callback(fields, Sign(fields)), CancellationToken.None)));
        Assert.Empty(host.Sender.Sent);
    }

    [Fact]
    public async Task WithoutATwilioToken_TheRouteDoesNotExist()
    {
        var host = new HttpFunctionHost();
        var fields = new Dictionary<string, string> { ["MessageSid"] = "SM0001", ["MessageStatus"] = "delivered" };

        var result = await new TwilioStatusFunction(host.Settings, host.Publisher).RunAsync(Callback(fields, Sign(fields)), CancellationToken.None);

        Assert.Equal(404, Status(result));
    }

    private static TwilioStatusFunction Function(HttpFunctionHost host) => new(host.Settings with { TwilioAuthToken = AuthToken }, host.Publisher);

    /// <summary>Twilio's documented signature over the public URL (the app's PublicBaseUrl) and the sorted form fields.</summary>
    private static string Sign(IReadOnlyDictionary<string, string> fields)
    {
        var text = new StringBuilder("https://engage.invalid/api/delivery/twilio" + Query);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static HttpRequest Callback(IReadOnlyDictionary<string, string> fields, string signature)
    {
        var body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        var request = Post("/api/delivery/twilio", body, "application/x-www-form-urlencoded", ("X-Twilio-Signature", signature));
        request.QueryString = new QueryString(Query);
        return request;
    }
}
