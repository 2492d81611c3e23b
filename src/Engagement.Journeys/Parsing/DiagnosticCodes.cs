namespace Engagement.Journeys.Parsing;

/// <summary>Stable codes of journey-file errors, documented in docs/journeys.md.</summary>
public static class DiagnosticCodes
{
    /// <summary>Malformed JSON.</summary>
    public const string MalformedJson = "JNY001";
    /// <summary>A field has the wrong JSON type.</summary>
    public const string WrongType = "JNY002";
    /// <summary>A required field is missing.</summary>
    public const string Missing = "JNY003";
    /// <summary>A field is not part of the format.</summary>
    public const string UnknownField = "JNY004";
    /// <summary>An id is not <c>[a-z0-9-]+</c>.</summary>
    public const string InvalidId = "JNY005";
    /// <summary>A step reference names no step.</summary>
    public const string DanglingReference = "JNY006";
    /// <summary>A step cannot be reached from <c>start</c>.</summary>
    public const string Unreachable = "JNY007";
    /// <summary>A cycle of steps with no wait in it.</summary>
    public const string WaitFreeCycle = "JNY008";
    /// <summary>A waitForEvent without timeout.</summary>
    public const string MissingTimeout = "JNY009";
    /// <summary>An invalid ISO-8601 duration.</summary>
    public const string BadDuration = "JNY010";
    /// <summary>An unknown IANA time zone.</summary>
    public const string BadTimeZone = "JNY011";
    /// <summary>An invalid condition or value expression.</summary>
    public const string BadExpression = "JNY012";
    /// <summary>A template that does not exist.</summary>
    public const string UnknownTemplate = "JNY013";
    /// <summary>The same journey id and version twice.</summary>
    public const string DuplicateJourney = "JNY014";
    /// <summary>An unknown working-day calendar.</summary>
    public const string UnknownCalendar = "JNY015";
    /// <summary>A number out of its range.</summary>
    public const string OutOfRange = "JNY016";
    /// <summary>An invalid local time or weekday.</summary>
    public const string BadTime = "JNY017";
    /// <summary>A value not among the allowed words.</summary>
    public const string BadChoice = "JNY018";
    /// <summary>A wait step with none or several of its forms.</summary>
    public const string AmbiguousWait = "JNY019";
}
