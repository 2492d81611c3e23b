namespace Engagement.Reports.Previews;

/// <summary>How an SMS is billed: its encoding, length in that encoding's units, and segments. Immutable.</summary>
/// <param name="Encoding"><c>GSM-7</c> or <c>UCS-2</c>.</param>
/// <param name="Units">Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2).</param>
/// <param name="Segments">Parts sent: 1 up to 160 septets / 70 units, else ceil(units / 153) or ceil(units / 67).</param>
public sealed record SmsLength(string Encoding, int Units, int Segments)
{
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "^{}\\[~]|€\f";

    /// <summary>Measures a text (3GPP TS 23.038 default alphabet; anything outside it makes the whole message UCS-2).</summary>
    public static SmsLength Of(string text)
    {
        var septets = 0;
        foreach (var ch in text)
        {
            if (Basic.Contains(ch))
            {
                septets++;
            }
            else if (Extension.Contains(ch))
            {
                septets += 2;
            }
            else
            {
                var units = text.Length;
                return new SmsLength("UCS-2", units, units <= 70 ? 1 : (units + 66) / 67);
            }
        }

        return new SmsLength("GSM-7", septets, septets <= 160 ? 1 : (septets + 152) / 153);
    }
}
