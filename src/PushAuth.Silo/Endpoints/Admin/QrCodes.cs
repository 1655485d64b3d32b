using QRCoder;

namespace PushAuth.Silo.Endpoints.Admin;

/// <summary>QR codes for pairing offers, rendered here with QRCoder (a PNG as a data URI: no external service, and the
/// console's Content-Security-Policy allows <c>img-src data:</c> only for it).</summary>
public static class QrCodes
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
