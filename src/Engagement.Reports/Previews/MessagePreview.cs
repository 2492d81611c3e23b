namespace Engagement.Reports.Previews;

/// <summary>One send step rendered for a sample customer in one locale and channel. Immutable.</summary>
/// <param name="Step">The send step.</param>
/// <param name="Channel">email, sms or push.</param>
/// <param name="Locale">The locale rendered.</param>
/// <param name="Subject">Email subject or push title.</param>
/// <param name="Body">Email HTML (shown in a sandboxed frame), SMS text or push body.</param>
/// <param name="Sms">Length and segments for SMS, else null.</param>
/// <param name="Error">Why it could not be rendered, else null.</param>
public sealed record MessagePreview(string Step, string Channel, string Locale, string? Subject, string Body, SmsLength? Sms, string? Error);
