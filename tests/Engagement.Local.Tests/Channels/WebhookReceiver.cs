using System.Collections.Concurrent;
using Engagement.Local.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.Local.Tests.Channels;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) standing in for an SMS or push gateway: it records every request, checks its
/// signature with <see cref="WebhookSignature.Verify(string, string?, ReadOnlySpan{byte}, DateTimeOffset, TimeSpan)"/>, and answers
/// what the test's responder says.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(string secret, DateTimeOffset now, Func<ReceivedRequest, HttpContext, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Map("/{**path}", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();
            var signature = context.Request.Headers[WebhookSignature.HeaderName].ToString();
            var request = new ReceivedRequest(
                context.Request.Method,
                context.Request.Path,
                context.Request.ContentType,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                WebhookSignature.Verify(secret, signature, body, now, TimeSpan.FromMinutes(5)));
            receiver.Requests.Enqueue(request);
            await respond(request, context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/gateway/sms");
        return receiver;
    }

    public static Func<ReceivedRequest, HttpContext, Task> Answer(int status, string? json = null, IReadOnlyDictionary<string, string>? headers = null) =>
        async (_, context) =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            if (json is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json);
            }
        };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the receiver got, and whether its signature verified.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool SignatureValid);
