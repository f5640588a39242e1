package org.educloud.basedata.internal.generate;

import java.util.Random;

/**
 * Plausible Chinese names and places: family names weighted roughly by how common they are, given
 * names of one or two characters, district names and street addresses.
 */
final class ChineseNames {

    /** The most common family names, the first ones several times so they come up more often. */
    private static final String[] FAMILY = ("王王王李李李张张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
            + "肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
            + "万钱严覃武戴莫孔向汤").split("");
    private static final String[] GIVEN_BOY = "伟强磊军洋勇杰涛明超浩宇鹏飞俊博文轩然睿泽晨阳子豪一鸣思远建华志强海天嘉诚".split("");
    private static final String[] GIVEN_GIRL = "芳娜敏静丽艳娟霞秀玲婷雪慧欣悦涵萱怡佳颖梓琳雨彤诗晴欣然可馨若曦思琪".split("");
    private static final String[] PLACE = "东西南北中新华安平和兴泰山河阳城明德文昌盛海清水林源泉湖岭松石桥".split("");
    private static final String[] ROAD = {"路", "街", "大道", "巷"};

    private final Random random;

    ChineseNames(Random random) {
        this.random = random;
    }

    String familyName() {
        return FAMILY[random.nextInt(FAMILY.length)];
    }

    String givenName(boolean male) {
        String[] pool = male ? GIVEN_BOY : GIVEN_GIRL;
        String first = pool[random.nextInt(pool.length)];
        return random.nextInt(3) == 0 ? first : first + pool[random.nextInt(pool.length)];
    }

    /** A county-level district's name, e.g. 安平区 or 泰山县. */
    String district(int index) {
        String name = PLACE[index % PLACE.length] + PLACE[(index / PLACE.length + index * 7 + 3) % PLACE.length];
        return name + (index % 3 == 0 ? "县" : "区");
    }

    /** A street address, e.g. 兴华路128号3单元502室. */
    String address() {
        return PLACE[random.nextInt(PLACE.length)] + PLACE[random.nextInt(PLACE.length)] + ROAD[random.nextInt(ROAD.length)]
                + (1 + random.nextInt(300)) + "号" + (1 + random.nextInt(6)) + "单元" + (1 + random.nextInt(18)) + "0"
                + (1 + random.nextInt(4)) + "室";
    }

    /** A school's name in its district, e.g. 安平区第三实验小学. */
    String school(String district, String stage, int number) {
        String kind = switch (stage) {
            case "preschool" -> "幼儿园";
            case "primary" -> "小学";
            case "junior" -> "初级中学";
            case "senior" -> "高级中学";
            default -> "职业中等专业学校";
        };
        String ordinal = number <= 10 ? "第" + "一二三四五六七八九十".charAt(number - 1) : PLACE[number % PLACE.length] + PLACE[(number * 3) % PLACE.length];
        return district + ordinal + (stage.equals("preschool") ? "" : "实验") + kind;
    }
}
