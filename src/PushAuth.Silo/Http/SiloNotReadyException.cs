namespace PushAuth.Silo.Http;

/// <summary>A grain call arrived before storage was initialized.</summary>
public sealed class SiloNotReadyException() : Exception("Storage is not ready.");
