namespace Engagement.Local.Tests.Channels;

/// <summary>A fact that needs the maildev SMTP server test.sh starts; skipped, saying how to run it, when MAILDEV_SMTP_PORT is unset (MAILDEV_WEB_PORT is needed too).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MaildevFactAttribute : FactAttribute
{
    public MaildevFactAttribute()
    {
        if (!Maildev.IsConfigured)
        {
            Skip = "maildev is not running: MAILDEV_SMTP_PORT is unset. Run ./test.sh, or `source scripts/services.sh && services_start` before dotnet test.";
        }
    }
}
