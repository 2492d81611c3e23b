using System.Text.Json;
using MimeKit;

namespace Engagement.Local.Tests.Channels;

/// <summary>The maildev instance of the test run: its SMTP port, and the messages it received (JSON API plus raw source).</summary>
internal static class Maildev
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static bool IsConfigured => SmtpPort is not null;

    public static int? SmtpPort => Port("MAILDEV_SMTP_PORT");

    public static int? WebPort => Port("MAILDEV_WEB_PORT");

    private static string Web => WebPort is { } port
        ? $"http://127.0.0.1:{port}"
        : throw new InvalidOperationException("MAILDEV_SMTP_PORT is set but MAILDEV_WEB_PORT is not: the test cannot read maildev's messages back");

    /// <summary>The received messages whose Message-Id is <paramref name="messageId"/>, waiting up to 10 s for <paramref name="count"/> of them.</summary>
    public static async Task<IReadOnlyList<ReceivedEmail>> WaitForAsync(string messageId, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = await FindAsync(messageId);
            if (found.Count >= count || DateTime.UtcNow > deadline) return found;
            await Task.Delay(100);
        }
    }

    private static async Task<IReadOnlyList<ReceivedEmail>> FindAsync(string messageId)
    {
        var list = await GetJsonAsync("/api/email") ?? await GetJsonAsync("/email") ?? throw new InvalidOperationException("maildev answers neither /api/email nor /email");
        var found = new List<ReceivedEmail>();
        foreach (var email in list.RootElement.EnumerateArray())
        {
            var headers = email.GetProperty("headers");
            if (!headers.TryGetProperty("message-id", out var id) || id.GetString() != "<" + messageId + ">") continue;
            var mailId = email.GetProperty("id").GetString()!;
            var source = await Http.GetStreamAsync($"{Web}/api/email/{mailId}/source");
            found.Add(new ReceivedEmail(email.Clone(), await MimeMessage.LoadAsync(source)));
        }

        return found;
    }

    private static async Task<JsonDocument?> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(Web + path);
        if (!response.IsSuccessStatusCode) return null;
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static int? Port(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var port) ? port : null;
}

/// <summary>One message as maildev stored it: its JSON view and the parsed raw source.</summary>
internal sealed record ReceivedEmail(JsonElement Json, MimeMessage Source)
{
    public string? Subject => Json.GetProperty("subject").GetString();

    public string? Html => Json.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String ? html.GetString() : null;

    public string? Text => Json.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    public string To => Json.GetProperty("to")[0].GetProperty("address").GetString()!;
}
