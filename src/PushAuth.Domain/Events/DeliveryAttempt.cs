namespace PushAuth.Domain.Events;

/// <summary>What one POST of a delivery came to: delivered on 2xx, else the status or the error that stopped it.</summary>
public sealed record DeliveryAttempt(bool Delivered, int? StatusCode, string? Error)
{
    public static DeliveryAttempt Ok(int statusCode) => new(true, statusCode, null);
}
