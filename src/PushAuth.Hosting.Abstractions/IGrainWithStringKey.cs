namespace PushAuth.Hosting;

/// <summary>
/// A grain addressed by a string key. Every method of a grain interface returns
/// <see cref="Task"/> or <see cref="Task{TResult}"/> and may take a trailing <see cref="CancellationToken"/>.
/// </summary>
public interface IGrainWithStringKey : IGrain;
