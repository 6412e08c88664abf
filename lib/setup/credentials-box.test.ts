import { describe, expect, it } from 'vitest';
import { formatCredentialsBox, generatePassword } from './credentials-box';

describe('demo credentials', () => {
  it('generates distinct, readable passwords', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
  });

  it('frames every account in one aligned box', () => {
    const box = formatCredentialsBox(
      ['Demo accounts'],
      [
        { email: 'admin@clonedeck.local', role: 'admin', password: 'aaaa-bbbb-cccc-dddd' },
        { email: 'qa@clonedeck.local', role: 'member of qa', password: 'eeee-ffff-gggg-hhhh' },
      ],
    );
    const lines = box.split('\n');
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^┌─+┐$/);
    expect(lines.at(-1)).toMatch(/^└─+┘$/);
    expect(box).toContain('admin@clonedeck.local  admin         aaaa-bbbb-cccc-dddd');
    expect(box).toContain('qa@clonedeck.local     member of qa  eeee-ffff-gggg-hhhh');
  });
});
