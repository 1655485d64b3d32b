namespace PushAuth.Hosting;

/// <summary>Obtains references to grains by key, like Orleans' <c>IGrainFactory</c>.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of interface <typeparamref name="TGrainInterface"/> with the given key.
    /// The reference is cheap; the activation is created on first call.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
