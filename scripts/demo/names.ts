/** Invented names: roads, urban villages. Chinese with pinyin. */
import type { Rng } from './rng.ts';

/** Arterial road names (路). [Chinese stem, pinyin stem]. */
export const ARTERIAL_NAMES: [string, string][] = [
  ['嵩岳', 'Songyue'], ['长江', 'Changjiang'], ['青檀', 'Qingtan'], ['玉兰', 'Yulan'], ['银杏', 'Yinxing'],
  ['丹桂', 'Dangui'], ['翠竹', 'Cuizhu'], ['松柏', 'Songbai'], ['长乐', 'Changle'], ['永安', "Yong'an"],
  ['和平', 'Heping'], ['兴业', 'Xingye'], ['安康', 'Ankang'], ['福寿', 'Fushou'], ['康宁', 'Kangning'],
  ['平安', "Ping'an"], ['振兴', 'Zhenxing'], ['汇通', 'Huitong'], ['启明', 'Qiming'], ['广源', 'Guangyuan'],
  ['锦程', 'Jincheng'], ['嘉禾', 'Jiahe'], ['瑞祥', 'Ruixiang'], ['鸿运', 'Hongyun'], ['泰山', 'Taishan'],
  ['华山', 'Huashan'], ['衡山', 'Hengshan'], ['伏羲', 'Fuxi'], ['淮源', 'Huaiyuan'], ['洛川', 'Luochuan'],
];

/** Secondary road names (街). */
export const SECONDARY_NAMES: [string, string][] = [
  ['紫荆', 'Zijing'], ['海棠', 'Haitang'], ['芙蓉', 'Furong'], ['石榴', 'Shiliu'], ['杏花', 'Xinghua'],
  ['桃源', 'Taoyuan'], ['荷花', 'Hehua'], ['兰亭', 'Lanting'], ['柳林', 'Liulin'], ['枫杨', 'Fengyang'],
  ['槐荫', 'Huaiyin'], ['樱桃', 'Yingtao'], ['牡丹', 'Mudan'], ['茉莉', 'Moli'], ['丁香', 'Dingxiang'],
  ['月季', 'Yueji'], ['蔷薇', 'Qiangwei'], ['合欢', 'Hehuan'], ['香樟', 'Xiangzhang'], ['桑园', 'Sangyuan'],
  ['杨柳', 'Yangliu'], ['白果', 'Baiguo'], ['棠梨', 'Tangli'], ['青松', 'Qingsong'], ['碧波', 'Bibo'],
  ['清泉', 'Qingquan'], ['云台', 'Yuntai'], ['凤鸣', 'Fengming'], ['鹤鸣', 'Heming'], ['鹿苑', 'Luyuan'],
  ['学苑', 'Xueyuan'], ['文昌', 'Wenchang'], ['崇德', 'Chongde'], ['明德', 'Mingde'], ['厚德', 'Houde'],
  ['尚贤', 'Shangxian'], ['仁和', 'Renhe'], ['信义', 'Xinyi'], ['礼让', 'Lirang'], ['勤政', 'Qinzheng'],
  ['朝阳', 'Chaoyang'], ['春晖', 'Chunhui'], ['秋实', 'Qiushi'], ['冬青', 'Dongqing'], ['夏荷', 'Xiahe'],
  ['晨光', 'Chenguang'], ['星河', 'Xinghe'], ['月华', 'Yuehua'], ['云锦', 'Yunjin'], ['彩虹', 'Caihong'],
  ['金穗', 'Jinsui'], ['银河', 'Yinhe'], ['玉泉', 'Yuquan'], ['翠屏', 'Cuiping'], ['碧桃', 'Bitao'],
  ['红枫', 'Hongfeng'], ['绿竹', 'Lüzhu'], ['紫藤', 'Ziteng'], ['黄杨', 'Huangyang'], ['青莲', 'Qinglian'],
  ['梨园', 'Liyuan'], ['枣林', 'Zaolin'], ['柿园', 'Shiyuan'], ['杏坛', 'Xingtan'], ['书香', 'Shuxiang'],
  ['墨池', 'Mochi'], ['砚台', 'Yantai'], ['琴台', 'Qintai'], ['棋盘', 'Qipan'], ['画廊', 'Hualang'],
];

const SURNAMES: [string, string][] = [
  ['王', 'Wang'], ['刘', 'Liu'], ['侯', 'Hou'], ['李', 'Li'], ['张', 'Zhang'], ['陈', 'Chen'], ['杨', 'Yang'],
  ['赵', 'Zhao'], ['黄', 'Huang'], ['周', 'Zhou'], ['吴', 'Wu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'],
  ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'], ['高', 'Gao'], ['郑', 'Zheng'], ['梁', 'Liang'], ['宋', 'Song'],
  ['韩', 'Han'], ['冯', 'Feng'], ['曹', 'Cao'], ['田', 'Tian'], ['董', 'Dong'], ['袁', 'Yuan'], ['潘', 'Pan'],
  ['蒋', 'Jiang'], ['杜', 'Du'], ['程', 'Cheng'], ['魏', 'Wei'], ['苏', 'Su'], ['丁', 'Ding'], ['任', 'Ren'],
  ['姚', 'Yao'], ['崔', 'Cui'], ['贾', 'Jia'], ['岳', 'Yue'], ['常', 'Chang'], ['牛', 'Niu'], ['秦', 'Qin'],
  ['白', 'Bai'], ['樊', 'Fan'], ['路', 'Lu'], ['靳', 'Jin'], ['申', 'Shen'], ['祁', 'Qi'],
];

const SUFFIXES: [string, string][] = [
  ['庄', 'zhuang'], ['寨', 'zhai'], ['营', 'ying'], ['村', 'cun'], ['岗', 'gang'], ['湾', 'wan'],
  ['屯', 'tun'], ['楼', 'lou'], ['沟', 'gou'], ['坡', 'po'], ['集', 'ji'], ['店', 'dian'], ['桥', 'qiao'],
  ['家庄', 'jiazhuang'], ['家寨', 'jiazhai'], ['家湾', 'jiawan'],
];

const PREFIXES: [string, string][] = [['', ''], ['', ''], ['', ''], ['大', 'Da'], ['小', 'Xiao'], ['前', 'Qian'], ['后', 'Hou'], ['南', 'Nan'], ['北', 'Bei']];

/** `n` distinct invented village names such as 王庄 (Wangzhuang) or 小刘寨 (Xiaoliuzhai). */
export function villageNames(rng: Rng, n: number): { name: string; nameEn: string }[] {
  const seen = new Set<string>();
  const out: { name: string; nameEn: string }[] = [];
  while (out.length < n) {
    const [sc, sp] = SURNAMES[Math.floor(rng() * SURNAMES.length)];
    const [xc, xp] = SUFFIXES[Math.floor(rng() * SUFFIXES.length)];
    const [pc, pp] = PREFIXES[Math.floor(rng() * PREFIXES.length)];
    const name = pc + sc + xc;
    if (seen.has(sc) || seen.has(name)) continue; // one village per surname keeps names distinct
    seen.add(sc);
    seen.add(name);
    const en = pp ? pp + sp.toLowerCase() + xp : sp + xp;
    out.push({ name, nameEn: en });
  }
  return out;
}

export const ORDINALS = ['', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十'];
