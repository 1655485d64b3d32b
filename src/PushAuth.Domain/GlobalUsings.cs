global using PushAuth.Abstractions;
