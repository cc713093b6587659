import { readFile } from 'node:fs/promises';
import { ApplicationCommandOptionType, ChannelType, InteractionContextType, PermissionFlagsBits, type APIApplicationCommandOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS_DIR, loadCommands } from '../../src/discord/load-commands.ts';

const commands = await loadCommands();
const json = commands.map((c) => c.data.toJSON());
// Discord's rule for command and option names (and their localisations).
const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function described(x: { name: string; description: string; name_localizations?: Partial<Record<string, string | null>> | null | undefined; description_localizations?: Partial<Record<string, string | null>> | null | undefined }): void {
  expect(x.name).toMatch(NAME_RE);
  expect(x.name).toBe(x.name.toLowerCase());
  expect(x.description.length).toBeGreaterThan(0);
  expect(x.description.length).toBeLessThanOrEqual(100);
  for (const locale of ['zh-CN', 'zh-TW']) {
    const name = x.name_localizations?.[locale];
    const description = x.description_localizations?.[locale];
    expect(name, `${x.name} name in ${locale}`).toMatch(NAME_RE);
    expect(description?.length ?? 0, `${x.name} description in ${locale}`).toBeGreaterThan(0);
    expect(description?.length ?? 0).toBeLessThanOrEqual(100);
  }
}

describe('slash command definitions', () => {
  it('loads /ask, /timeline, /who and the /follow commands from the commands folder', () => {
    expect(json.map((c) => c.name)).toEqual(['ask', 'follow', 'following', 'timeline', 'unfollow', 'who']);
  });

  it.each(json.map((c) => [c.name, c] as const))('/%s has English names with zh-CN and zh-TW localisations', (_name, c) => {
    described(c);
    for (const o of c.options ?? []) described(o);
  });

  const queries = json.filter((c) => ['ask', 'timeline', 'who'].includes(c.name));
  it.each(queries.map((c) => [c.name, c] as const))('/%s takes one required string of bounded length and an optional hide', (name, c) => {
    const options: APIApplicationCommandOption[] = c.options ?? [];
    const text = options[0];
    expect(text?.type).toBe(ApplicationCommandOptionType.String);
    if (text?.type !== ApplicationCommandOptionType.String) return;
    expect(text.required).toBe(true);
    expect(text.max_length).toBeGreaterThan(0);
    expect(text.max_length).toBeLessThanOrEqual(200);
    expect(Boolean(text.autocomplete)).toBe(name !== 'ask');
    const hide = options.find((o) => o.name === 'hide');
    expect(hide?.type).toBe(ApplicationCommandOptionType.Boolean);
    expect(hide?.required ?? false).toBe(false);
  });

  it('gives autocomplete handlers to exactly the commands that autocomplete', () => {
    expect(commands.filter((c) => c.autocomplete).map((c) => c.data.name)).toEqual(['follow', 'timeline', 'unfollow', 'who']);
  });

  it.each(['follow', 'unfollow'])('/%s is for server members who may manage channels, takes a topic and a text channel', (name) => {
    const c = json.find((x) => x.name === name);
    expect(c?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageChannels));
    expect(c?.contexts).toEqual([InteractionContextType.Guild]);
    const [topic, channel] = c?.options ?? [];
    expect(topic).toMatchObject({ name: 'topic', type: ApplicationCommandOptionType.String, required: true, autocomplete: true });
    expect(channel).toMatchObject({ name: 'channel', type: ApplicationCommandOptionType.Channel, required: name === 'follow' });
    expect(channel && 'channel_types' in channel ? channel.channel_types : []).toEqual([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
  });

  it('/following is open to every member of a server and takes nothing', () => {
    const c = json.find((x) => x.name === 'following');
    expect(c?.default_member_permissions ?? null).toBeNull();
    expect(c?.options ?? []).toEqual([]);
  });

  it.each(['ask.ts', 'who.ts', 'timeline.ts', 'follow.ts', 'unfollow.ts', 'following.ts'])('commands/%s never touches the file system', async (file) => {
    const source = await readFile(new URL(file, COMMANDS_DIR), 'utf8');
    expect(source).not.toMatch(/node:fs|from 'fs|readFile|writeFile|process\.env/);
  });
});
