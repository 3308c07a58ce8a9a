import type { WnsTemplate } from './types';

const peek = 'https://picsum.photos/id/1025/310/310';

export const tileAllSizes: WnsTemplate = {
  id: 'wns-tile-all-sizes',
  name: 'Tile: small, medium, wide, large',
  description: 'One binding per size, name-and-logo branding and a peek image on the larger sizes.',
  options: { type: 'tile', tag: 'status' },
  payload: `<tile>
  <visual branding="nameAndLogo" displayName="Push Console">
    <binding template="TileSmall">
      <text hint-style="caption">5/5</text>
    </binding>
    <binding template="TileMedium">
      <image placement="peek" src="${peek}"/>
      <text hint-style="caption">Terminals</text>
      <text hint-style="captionSubtle" hint-wrap="true">5 of 5 online</text>
    </binding>
    <binding template="TileWide">
      <image placement="peek" src="${peek}"/>
      <text hint-style="body">Terminals</text>
      <text hint-style="captionSubtle">5 of 5 online</text>
      <text hint-style="captionSubtle">Last check 09:41</text>
    </binding>
    <binding template="TileLarge" hint-textStacking="center">
      <image placement="peek" src="${peek}"/>
      <text hint-style="title" hint-align="center">5/5</text>
      <text hint-style="subtitleSubtle" hint-align="center">terminals online</text>
    </binding>
  </visual>
</tile>`,
};

export const tileBackground: WnsTemplate = {
  id: 'wns-tile-background',
  name: 'Tile: background image (wide)',
  description: 'A wide tile with a darkened background image and logo branding.',
  options: { type: 'tile' },
  payload: `<tile>
  <visual branding="logo">
    <binding template="TileWide" hint-overlay="40">
      <image placement="background" src="https://picsum.photos/id/1018/310/150"/>
      <text hint-style="subtitle">Weekend</text>
      <text hint-style="bodySubtle">Sunny, 24°</text>
    </binding>
  </visual>
</tile>`,
};
