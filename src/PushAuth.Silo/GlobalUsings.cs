global using Orleans;
global using PushAuth.Abstractions;
