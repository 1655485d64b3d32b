using PushAuth.Messaging;

namespace PushAuth.Grains.Backup;

// PushAuth.Messaging is a leaf without Orleans: its two message records cross silos through these surrogates.

[GenerateSerializer, Alias("pa.ContactMessage")]
internal readonly record struct ContactMessageSurrogate(
    [property: Id(0)] string Channel, [property: Id(1)] string To, [property: Id(2)] string? Subject, [property: Id(3)] string Text,
    [property: Id(4)] string? Html, [property: Id(5)] string VerificationId, [property: Id(6)] string DeviceId);

[RegisterConverter]
internal sealed class ContactMessageConverter : IConverter<ContactMessage, ContactMessageSurrogate>
{
    public ContactMessage ConvertFromSurrogate(in ContactMessageSurrogate s) => new(s.Channel, s.To, s.Subject, s.Text, s.Html, s.VerificationId, s.DeviceId);

    public ContactMessageSurrogate ConvertToSurrogate(in ContactMessage m) => new(m.Channel, m.To, m.Subject, m.Text, m.Html, m.VerificationId, m.DeviceId);
}

[GenerateSerializer, Alias("pa.DevContactMessage")]
internal readonly record struct DevContactMessageSurrogate([property: Id(0)] long Sequence, [property: Id(1)] DateTimeOffset At, [property: Id(2)] ContactMessage Message);

[RegisterConverter]
internal sealed class DevContactMessageConverter : IConverter<DevContactMessage, DevContactMessageSurrogate>
{
    public DevContactMessage ConvertFromSurrogate(in DevContactMessageSurrogate s) => new(s.Sequence, s.At, s.Message);

    public DevContactMessageSurrogate ConvertToSurrogate(in DevContactMessage m) => new(m.Sequence, m.At, m.Message);
}
